import ArgumentParser
import Foundation
import LessonKit

/// `unrolled handout`: a PDF per lesson for printing, from the page's print stylesheet.
struct Handout: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a printable PDF of each named lesson, with headless Chromium.",
    discussion: """
      The PDF is the lesson page as printed: no navigation, outputs and plots kept, cells \
      kept whole where they fit on a page, and the address of every link written out. \
      Solutions are left out unless --solutions is given (a teacher's copy). With \
      --student, exercises get room to write and no solution appears; with --key, \
      solutions are open and hidden checks are shown (the answer key).
      """)

  @OptionGroup var course: CourseOptions

  @Option(help: "The folder the PDFs are written to.")
  var output = "handouts"

  @Option(help: "The paper: a4 or letter.")
  var paper: Paper = .a4

  @Flag(help: "Print the exercises' solutions too.")
  var solutions = false

  @Flag(help: "A student's handout: starters with room to write, no solutions, no hidden checks.")
  var student = false

  @Flag(help: "A teacher's answer key: solutions open, hidden checks shown.")
  var key = false

  @Option(help: "The edition: en (English) or zh (the Chinese translation, into OUTPUT/zh).")
  var lang: HandoutLanguage = .en

  func validate() throws {
    if [solutions, student, key].filter({ $0 }).count > 1 {
      throw ValidationError("give at most one of --solutions, --student and --key")
    }
  }

  @Argument(help: "Lesson files or names, for example 03 or 03-backpropagation-through-time.")
  var lessonNames: [String]

  func run() throws {
    guard let browser = Chromium.find() else {
      FileHandle.standardError.write(Data("unrolled: \(Chromium.installHint)\n".utf8))
      throw ExitCode(2)
    }
    let ran = try exitOnSetupFailure { () throws -> [RanLesson] in
      guard lang == .zh else { return try course.run(only: lessonNames) }
      let paths = try course.editionPaths(lessonNames)
      let missing = paths.lessons.map { Translations.translationPath(of: $0) }.filter {
        !paths.translations.contains($0)
      }
      if let first = missing.first {
        throw Failure.setup("\(first) does not exist: that lesson has no Chinese translation yet")
      }
      return try course.run(only: paths.translations, translations: true).filter { $0.lesson.edition == .chinese }
    }
    let work = URL(fileURLWithPath: ".build/unrolled-cache/handout-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    // A translation's page sits in its edition's folder, as on the site, so that the
    // stylesheet and figures are found one folder up.
    let edition = lang == .zh ? Edition.chinese : .english
    let sub = edition.folder.map { $0 + "/" } ?? ""
    let folder = URL(fileURLWithPath: output + (sub.isEmpty ? "" : "/" + sub))
    try FileManager.default.createDirectory(at: work.appendingPathComponent(sub), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, data) in try exitOnSetupFailure({ () throws -> [String: Data] in
      do { return try SiteAssets.load(lessons: URL(fileURLWithPath: course.lessons)) } catch {
        throw Failure.setup("\(error)")
      }
    }) {
      let file = work.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: file)
    }
    var failed = false
    for lesson in ran {
      // The print stylesheet hides navigation, so a handout needs no neighbours.
      let audience: PageRenderer.Audience = student ? .student : key ? .key : .site
      let page = PageRenderer.page(lesson, previous: nil, next: nil, openSolutions: solutions, audience: audience)
      let style = Stylesheet.handout(paper: paper, title: lesson.lesson.title)
      try Data(style.utf8).write(to: work.appendingPathComponent("style.css"))
      let html = work.appendingPathComponent("\(sub)\(lesson.lesson.slug).html")
      try Data(page.utf8).write(to: html)
      let name = lesson.lesson.slug + (student ? "-student" : key ? "-key" : "")
      let pdf = folder.appendingPathComponent("\(name).pdf").absoluteURL
      do {
        try Chromium.printToPDF(browser: browser, page: html.absoluteURL, pdf: pdf, work: work)
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        print("wrote \(output)/\(sub)\(name).pdf (\(size / 1024) KiB)")
      } catch {
        FileHandle.standardError.write(Data("unrolled: \(error)\n".utf8))
        failed = true
      }
      if !lesson.failures.isEmpty {
        print("note: \(lesson.lesson.path) has errors; they are printed in the handout too")
      }
    }
    if failed { throw ExitCode(1) }
  }
}

extension Paper: ExpressibleByArgument {}

/// The edition a handout is printed from.
enum HandoutLanguage: String, ExpressibleByArgument, CaseIterable {
  /// The English lessons.
  case en
  /// Their Chinese translations.
  case zh
}
