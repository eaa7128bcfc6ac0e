import ArgumentParser
import Foundation
import LessonKit

/// `unrolled build`: run every lesson and write the site.
struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every lesson and write the site (index, one page per lesson).")

  @OptionGroup var course: CourseOptions

  @Option(help: "The folder the site is written to.")
  var output = "site"

  @Flag(help: "Write nothing; fail if the site folder is not what the lessons render today.")
  var check = false

  func run() throws {
    let started = Date()
    let folder = URL(fileURLWithPath: output)
    if !check {
      // Refuse a folder the site may not replace before spending minutes on the lessons.
      try exitOnSetupFailure {
        do {
          try SiteWriter.checkCanReplace(folder)
        } catch {
          throw Failure.setup("\(error)")
        }
      }
    }
    let assets = try exitOnSetupFailure {
      do {
        return try SiteAssets.load(lessons: URL(fileURLWithPath: course.lessons))
      } catch {
        throw Failure.setup("\(error)")
      }
    }
    let ran = try exitOnSetupFailure { try course.run(translations: true) }
    let files = SiteWriter.files(for: ran, glossary: Translations.glossaryPage(in: course.lessons))
    let failed = ran.filter { !$0.failures.isEmpty }
    for lesson in failed { course.report(lesson.failures) }
    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
    if check {
      let differences = SiteWriter.differences(files, assets: assets, in: folder)
      if !differences.isEmpty {
        print("\(output)/ is out of date: \(differences.joined(separator: ", ")). Run `unrolled build` and commit.")
        throw ExitCode(1)
      }
      print("\(output)/ is up to date: \(files.count + assets.count) files, \(ran.count) lessons, \(seconds) s")
    } else {
      try exitOnSetupFailure {
        do {
          try SiteWriter.write(files, assets: assets, to: folder)
        } catch {
          throw Failure.setup("\(error)")
        }
      }
      print("wrote \(output)/: \(files.count + assets.count) files, \(ran.count) lessons, \(seconds) s")
    }
    if !failed.isEmpty {
      print("\(failed.count) of \(ran.count) lessons have errors (shown on their pages)")
      throw ExitCode(1)
    }
  }
}
