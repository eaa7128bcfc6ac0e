import Foundation
import LessonKit
import Testing

/// What a printed handout holds (README, "Commands": no navigation, link addresses
/// written out, solutions only with `--solutions`), read back from the PDF that headless
/// Chromium prints, with pdftotext.
@Suite(
  .enabled(
    if: PrintingTools.found != nil, "needs headless Chromium and pdftotext: scripts/install-dependencies --browser"))
struct HandoutTests {

  /// The fixture printed as `unrolled handout` prints it (with neighbours, so the page
  /// has navigation for the print stylesheet to hide), as text.
  func handoutText(solutions: Bool) throws -> String {
    let tools = try #require(PrintingTools.found)
    return try withTemporaryFolder { folder in
      let (ran, _) = try Shared.run("handout.md", in: folder)
      #expect(ran.failures.isEmpty)
      let before = LessonParser.parse("# The lesson before\n", path: "00-before.md")
      let after = LessonParser.parse("# The lesson after\n", path: "02-after.md")
      let page = PageRenderer.page(ran, previous: before, next: after, openSolutions: solutions)
      #expect(page.contains("The lesson before") && page.contains("The lesson after"), "the page has navigation")
      try Data(Stylesheet.css.utf8).write(to: folder.appendingPathComponent("style.css"))
      let html = folder.appendingPathComponent("handout.html")
      try Data(page.utf8).write(to: html)
      let pdf = folder.appendingPathComponent("handout.pdf")
      try Chromium.printToPDF(browser: tools.chromium, page: html, pdf: pdf, work: folder)
      let text = folder.appendingPathComponent("handout.txt")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: tools.pdftotext)
      process.arguments = [pdf.path, text.path]
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      return try String(contentsOf: text, encoding: .utf8)
    }
  }

  @Test func studentsCopy() throws {
    let text = try handoutText(solutions: false)
    #expect(text.contains("A handout"))
    #expect(text.contains("visible output 4217"), "outputs are printed")
    #expect(text.contains("https://example.org/gru-paper"), "link addresses are written out:\n\(text)")
    #expect(!text.contains("The lesson before") && !text.contains("The lesson after"), "no navigation:\n\(text)")
    #expect(!text.contains("Contents"), "no navigation:\n\(text)")
    #expect(!text.contains("9361"), "no solution without --solutions:\n\(text)")
    #expect(!text.contains("Solution"), "no solution heading without --solutions:\n\(text)")
  }

  @Test func teachersCopy() throws {
    let text = try handoutText(solutions: true)
    #expect(text.contains("print(\"solution output 9361\")"), "the solution's code:\n\(text)")
    #expect(text.contains("Solution"), "under a heading:\n\(text)")
    #expect(!text.contains("Show solution"), "the fold's button is not printed:\n\(text)")
    #expect(!text.contains("The lesson before") && !text.contains("The lesson after"), "no navigation:\n\(text)")
  }
}

/// What the handout tests print and read PDFs with.
enum PrintingTools {
  /// Chromium (as `unrolled handout` finds it) and pdftotext, or `nil` if either is
  /// missing.
  static let found: (chromium: String, pdftotext: String)? = {
    let pdftotext = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
      .map { "\($0)/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let chromium = Chromium.find(), let pdftotext else { return nil }
    return (chromium, pdftotext)
  }()
}
