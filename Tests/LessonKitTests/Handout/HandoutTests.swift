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
  func handoutText(solutions: Bool, style: String = Stylesheet.css) throws -> (text: String, pageSize: String) {
    let tools = try #require(PrintingTools.found)
    return try withTemporaryFolder { folder in
      let (ran, _) = try Shared.run("handout.md", in: folder)
      #expect(ran.failures.isEmpty)
      let before = LessonParser.parse("# The lesson before\n", path: "00-before.md")
      let after = LessonParser.parse("# The lesson after\n", path: "02-after.md")
      let page = PageRenderer.page(ran, previous: before, next: after, openSolutions: solutions)
      #expect(page.contains("The lesson before") && page.contains("The lesson after"), "the page has navigation")
      try Data(style.utf8).write(to: folder.appendingPathComponent("style.css"))
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
      let info = Process()
      let infoOut = Pipe()
      info.executableURL = URL(fileURLWithPath: tools.pdftotext).deletingLastPathComponent().appendingPathComponent(
        "pdfinfo")
      info.arguments = [pdf.path]
      info.standardOutput = infoOut
      try info.run()
      let infoText = String(decoding: infoOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      info.waitUntilExit()
      let size = infoText.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map(String.init) ?? infoText
      return (try String(contentsOf: text, encoding: .utf8), size)
    }
  }

  @Test func studentsCopy() throws {
    let text = try handoutText(solutions: false).text
    #expect(text.contains("A handout"))
    #expect(text.contains("visible output 4217"), "outputs are printed")
    #expect(text.contains("https://example.org/gru-paper"), "link addresses are written out:\n\(text)")
    #expect(!text.contains("The lesson before") && !text.contains("The lesson after"), "no navigation:\n\(text)")
    #expect(!text.contains("Contents"), "no navigation:\n\(text)")
    #expect(!text.contains("9361"), "no solution without --solutions:\n\(text)")
    #expect(!text.contains("Solution"), "no solution heading without --solutions:\n\(text)")
  }

  @Test func teachersCopy() throws {
    let text = try handoutText(solutions: true).text
    #expect(text.contains("print(\"solution output 9361\")"), "the solution's code:\n\(text)")
    #expect(text.contains("Solution"), "under a heading:\n\(text)")
    #expect(!text.contains("Show solution"), "the fold's button is not printed:\n\(text)")
    #expect(!text.contains("The lesson before") && !text.contains("The lesson after"), "no navigation:\n\(text)")
  }
}

extension HandoutTests {
  @Test(arguments: [(Paper.a4, "(A4)"), (Paper.letter, "612 x 792 pts")])
  func paperSizeTitleAndPageNumbers(paper: Paper, size: String) throws {
    let printed = try handoutText(solutions: false, style: Stylesheet.handout(paper: paper, title: "A \"handout\""))
    #expect(printed.pageSize.contains(size), "\(printed.pageSize)")
    #expect(printed.text.contains("A \"handout\""), "the lesson's title in the margin:\n\(printed.text)")
    // The fixture fits on one page: "1 / 1" at its foot (pdftotext may drop the spaces).
    #expect(printed.text.replacingOccurrences(of: " ", with: "").contains("\n1/1\n"), "page numbers:\n\(printed.text)")
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
