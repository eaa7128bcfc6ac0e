import Foundation
import LessonKit
import Testing

@Suite struct SiteTests {
  @Test func siteIsWrittenWholeAndTwoBuildsAreIdentical() throws {
    let lessons = ["no-code.md", "unclosed-fence.md"].map {
      RanLesson(
        lesson: LessonParser.parse(
          try! String(contentsOf: Paths.fixtures.appendingPathComponent($0), encoding: .utf8), path: "Lessons/\($0)"),
        run: LessonRun())
    }
    let files = SiteWriter.files(for: lessons)
    #expect(Set(files.keys) == ["index.html", "style.css", "no-code.html", "unclosed-fence.html"])
    #expect(files == SiteWriter.files(for: lessons))
    let temporary = try TemporaryFolder()
    let folder = temporary("site")
    try SiteWriter.write(["old.html": "old"], to: folder)
    try SiteWriter.write(files, to: folder)
    #expect(SiteWriter.differences(files, in: folder).isEmpty)
    try "changed".write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    #expect(SiteWriter.differences(files, in: folder) == ["index.html"])
    let index = files["index.html"]!
    #expect(index.contains("href=\"no-code.html\""))
    let page = files["no-code.html"]!
    #expect(page.contains("rel=\"next\" href=\"unclosed-fence.html\""))
    #expect(!page.contains("/tmp") && !page.contains("/work"))
  }

  /// A lesson's file name goes into links escaped, as a URL and as HTML.
  @Test func fileNamesAreEscapedInLinks() {
    let names = ["a\"b<c", "x y#1?&%"]
    let lessons = names.map { Markup.lesson("# T \($0)\n\ntext\n", path: "Lessons/\($0).md") }
    let site = Markup.site(lessons)
    #expect(Set(site.keys) == ["index.html", "style.css", "a\"b<c.html", "x y#1?&%.html"])
    let index = site["index.html"]!
    #expect(index.contains("<a href=\"a%22b%3Cc.html\">T a&quot;b&lt;c</a>"))
    #expect(index.contains("<a href=\"x%20y%231%3F%26%25.html\">"))
    #expect(site["a\"b<c.html"]!.contains("<a rel=\"next\" href=\"x%20y%231%3F%26%25.html\">"))
    #expect(site["x y#1?&%.html"]!.contains("<a rel=\"prev\" href=\"a%22b%3Cc.html\">"))
    for (name, page) in site where name.hasSuffix(".html") {
      #expect(PageChecker.problems(in: page).isEmpty, "\(name)")
    }
  }

  @Test func unifiedDiffShowsBothSides() {
    let lesson = LessonParser.parse("```swift\nprint(1)\n```\n\n```output\n2\n```\n", path: "x.md")
    var run = LessonRun()
    run.cells[0] = CellResult(output: "1   \n\n")
    let failures = DocTest.failures(lesson, run)
    #expect(failures.count == 1)
    #expect(failures[0].location == "x.md:5")
    #expect(failures[0].detail.contains("-2\n+1"))
    run.cells[0] = CellResult(output: "2   \n\n")
    #expect(DocTest.failures(lesson, run).isEmpty)
  }

  @Test func unknownOptionAndStrayOutputAreDiagnosed() {
    let lesson = LessonParser.parse("# T\n\n```output\nx\n```\n\n```swift fast\nprint(1)\n```\n", path: "y.md")
    #expect(lesson.diagnostics.map(\.line) == [3, 7])
    #expect(lesson.diagnostics[1].message.contains("unknown cell option 'fast'"))
  }
}

/// Swift cells are highlighted from SwiftSyntax's classifications.
@Suite struct HighlightTests {
  @Test func keywordsTypesLiteralsAndComments() {
    let html = SwiftHighlighter.html("let m = Matrix.zeros(2, 3)  // <two> rows\nvar s: String = \"a&b\"\n")
    #expect(html.contains("<span class=\"kw\">let</span>"))
    #expect(html.contains("<span class=\"ty\">Matrix</span>"))
    #expect(html.contains("<span class=\"num\">2</span>"))
    #expect(html.contains("<span class=\"com\">// &lt;two&gt; rows</span>"))
    #expect(html.contains("<span class=\"ty\">String</span>"))
    #expect(html.contains("<span class=\"str\">&quot;a&amp;b&quot;</span>"))
  }

  @Test func highlightingKeepsEveryCharacter() {
    let code = "for t in 0..<5 { h = tanh(w * h + x[t]) } /* é ☃ */ #if DEBUG\n#endif\n"
    let html = SwiftHighlighter.html(code)
    let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
    #expect(text == code)
  }
}
