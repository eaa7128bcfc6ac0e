import Foundation
import LessonKit
import Testing

/// What a page may hold, whatever the lesson and its output: no control characters, no
/// link inside a link.
@Suite struct MarkupPageTests {
  /// No control character (but tab and line feed) reaches a page: not from prose, math,
  /// code, a cell's output or its displays.
  @Test func controlCharactersNeverReachThePage() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-control-characters.md"))
    var run = LessonRun()
    run.cells[0] = CellResult(
      output: "out\u{0}put \u{1B}[1m\r\n", failure: .runtimeError(.trapped, line: 1, detail: "bad \u{7}"),
      displays: [DisplayOutput(offset: 3, html: "<svg>\u{0}</svg>", summary: "[chart]")])
    let page = PageRenderer.page(RanLesson(lesson: lesson, run: run), previous: nil, next: nil)
    let controls = page.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }
    #expect(controls.isEmpty, "\(controls.map { $0.value })")
    #expect(page.contains("<mo>\u{FFFD}</mo>"))
    #expect(page.contains(">out</pre>") && page.contains(">\u{FFFD}put \u{FFFD}[1m\u{FFFD}\n</pre>"))
    #expect(page.contains("<svg>\u{FFFD}</svg>") && page.contains("bad \u{FFFD}"))
    #expect(escapeHTML("a\u{0}b\u{9F}c\td\n") == "a\u{FFFD}b\u{FFFD}c\td\n")
  }

  /// A heading holding a link gives a table of contents entry without a nested link.
  @Test func tableOfContentsHasNoLinkInsideALink() {
    let page = Markup.page(Markup.lesson("# T\n\n## See [the docs](https://example.org) and $x$\n\ntext\n"))
    #expect(page.contains("<li><a href=\"#see-the-docs-and-x\">See the docs and <math"))
    #expect(PageChecker.problems(in: page).isEmpty)
  }

  /// Headings get distinct ids even when one heading's words are another's id.
  @Test func headingIdsAreUnique() {
    let page = Markup.page(Markup.lesson("# T\n\n## A\n\n## A 2\n\n## A\n\n## A\n"))
    let ids = page.components(separatedBy: "<h2 id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
    #expect(ids == ["a", "a-2", "a-3", "a-4"])
    #expect(PageChecker.problems(in: page).isEmpty)
  }

  /// An autolink in a link's text is written as text, not as a link inside a link
  /// (found by the fuzz test).
  @Test func autolinksInLinksAreNotNested() throws {
    let page = Markup.page(Markup.lesson(try Markup.fixture("markup-nested-links.md")))
    #expect(
      page.contains(
        "<a href=\"https://example.org/page\">link holding a@b.c and https://example.org/<math"))
    #expect(page.contains("<a href=\"u\">link with <img src=\"i.png\" alt=\"an image\" /></a>"))
    #expect(PageChecker.problems(in: page).isEmpty)
  }

  /// A combining mark right after a tag belongs to the text: Swift joins `>` and the mark
  /// into one character, which hid the end of the tag from the table of contents, the
  /// heading's id and the summary (found by the fuzz test).
  @Test func combiningMarksAfterTagsAreKept() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-combining-marks.md"))
    #expect(lesson.summary == "\u{301}Summary <em>here</em>.")
    #expect(lesson.timeLimit == 7)
    // The stray mark itself is no option.
    #expect(
      lesson.diagnostics.map(\.message) == [
        "unknown lesson option '\u{301}': use timeout=SECONDS or memory=SIZE (such as 512M or 2G)"
      ])
    let page = Markup.page(lesson)
    #expect(page.contains("<li><a href=\"#x-em-y\">\u{301}x <em>em</em> y</a></li>"))
    #expect(page.contains("<h2 id=\"x-em-y\">\u{301}x <em>em</em> y</h2>"))
    #expect(PageChecker.problems(in: page).isEmpty)
  }
}
