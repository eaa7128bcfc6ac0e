import ArgumentParser
import Foundation
import LessonKit

/// `unrolled serve`: build, serve on 127.0.0.1, rebuild on save, reload the open page.
struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Preview the course on 127.0.0.1: rebuild when a lesson or the RNN library changes, and reload the page.",
    discussion: """
      Only what changed runs again: results are cached by the hash of each lesson's code \
      and of the library, so editing one lesson re-runs that lesson, and editing the \
      library re-runs them all.
      """)

  @OptionGroup var course: CourseOptions

  @Option(help: "The port to listen on.")
  var port: UInt16 = 8000

  @Option(help: "The folder the site is written to and served from.")
  var output = "site"

  func run() throws {
    let folder = URL(fileURLWithPath: output)
    rebuild(into: folder)
    let server = PreviewServer(root: folder, port: port)
    try exitOnSetupFailure {
      do { try server.start() } catch let error as SetupError { throw Failure.setup(error.description) }
    }
    say("serving \(output)/ at http://127.0.0.1:\(port)/ — edit a lesson and the page reloads; Ctrl-C stops")
    let watched = [course.lessons, "Sources/RNN"]
    var seen = (try? PreviewServer.fingerprint(of: watched)) ?? []
    var unreadable = false
    while true {
      Thread.sleep(forTimeInterval: 0.5)
      let now: [String]
      do {
        now = try PreviewServer.fingerprint(of: watched)
        unreadable = false
      } catch {
        // A passing failure (no descriptor left) is not an edit: look again next time.
        if !unreadable { say("cannot watch for changes now (\(error)); trying again") }
        unreadable = true
        continue
      }
      guard now != seen else { continue }
      seen = now
      say("change seen: rebuilding")
      rebuild(into: folder)
      server.bumpVersion()
    }
  }

  /// Builds and writes the site, showing errors but never stopping the preview.
  private func rebuild(into folder: URL) {
    let started = Date()
    do {
      let ran = try course.run(translations: true)
      try SiteWriter.write(
        SiteWriter.files(for: ran, glossary: Translations.glossaryPage(in: course.lessons)),
        assets: try SiteAssets.load(lessons: URL(fileURLWithPath: course.lessons)),
        to: folder)
      for failure in ran.flatMap(\.failures) { say("\(failure)") }
      say(String(format: "site written in %.1f s", Date().timeIntervalSince(started)))
    } catch {
      say("unrolled: \(error)")
    }
  }
}
