import Foundation
import LessonKit
import Testing

extension HandoutTests {
  /// Runs a tool (a path, or a name beside pdftotext) and returns what it writes.
  func read(_ tool: String, _ arguments: [String]) throws -> String {
    let tools = try #require(PrintingTools.found)
    let process = Process()
    let output = Pipe()
    process.executableURL =
      tool.hasPrefix("/")
      ? URL(fileURLWithPath: tool)
      : URL(fileURLWithPath: tools.pdftotext).deletingLastPathComponent().appendingPathComponent(tool)
    process.arguments = arguments
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text
  }

  /// A Chinese page printed as `unrolled handout --lang zh` prints it (from the edition's
  /// folder, the stylesheet one folder up): its text comes back out of the PDF as
  /// Chinese, set in a CJK font embedded in the file.
  @Test func aChineseHandoutHoldsChineseTextInAnEmbeddedCJKFont() throws {
    let tools = try #require(PrintingTools.found)
    try withTemporaryFolder { folder in
      let fixture = Paths.fixtures.appendingPathComponent("translation")
      var lesson = Course.load(fixture.appendingPathComponent("zh/01-sums.md").path)
      lesson.edition = .chinese
      let page = PageRenderer.page(RanLesson(lesson: lesson, run: LessonRun()), previous: nil, next: nil)
      try Data(Stylesheet.handout(paper: .a4, title: lesson.title).utf8).write(
        to: folder.appendingPathComponent("style.css"))
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("zh"), withIntermediateDirectories: true)
      let html = folder.appendingPathComponent("zh/01-sums.html")
      try Data(page.utf8).write(to: html)
      let pdf = folder.appendingPathComponent("01-sums.pdf")
      try Chromium.printToPDF(browser: tools.chromium, page: html, pdf: pdf, work: folder)
      let text = try read("pdftotext", [pdf.path, "-"])
      #expect(text.contains("累加和什么也不会忘记"), "the Chinese prose, extractable:\n\(text)")
      #expect(text.contains("三步之后它等于0.16"), "\(text)")
      // Every font is embedded (pdffonts' "emb" column), so the PDF prints the same
      // anywhere; Chromium embeds the CJK fonts' outlines as Type 3 fonts, with a map back
      // to Unicode, which is how the text above came out.
      let fonts = try read("pdffonts", [pdf.path]).split(separator: "\n").dropFirst(2)
      #expect(!fonts.isEmpty)
      #expect(fonts.allSatisfy { $0.split(separator: " ").dropFirst(2).first { $0 == "yes" || $0 == "no" } == "yes" })
      // The stylesheet's CJK font is the one installed (fonts-noto-cjk,
      // scripts/install-dependencies --browser), not a fallback.
      let matched = try read("/usr/bin/fc-match", ["Noto Serif CJK SC"])
      #expect(matched.contains("NotoSerifCJK"), "\(matched)")
    }
  }
}
