import Foundation
import LessonKit
import Testing

/// Hostile math: deep nesting, many formulas, math where markup cannot go, forged
/// placeholders. Each page must come out whole and well-formed.
@Suite struct MarkupTests {
  /// Deep nesting in math used to overflow the stack (SIGSEGV); now it is a diagnostic
  /// on the math's line and the page shows the TeX as code.
  @Test func deeplyNestedMathIsADiagnosticNotACrash() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-deep-math.md"), path: "Lessons/markup-deep-math.md")
    #expect(lesson.diagnostics.map(\.line) == [5, 7, 9])
    for diagnostic in lesson.diagnostics {
      #expect(diagnostic.message.contains("nests more than 100 levels deep"), "\(diagnostic.message.prefix(200))")
    }
    let page = Markup.page(lesson)
    #expect(page.components(separatedBy: "<code class=\"math-error\">").count == 4)
    #expect(page.contains("<msup><mi>x</mi><mn>2</mn></msup>"))
    #expect(PageChecker.problems(in: page).isEmpty)
  }

  /// Exactly 100 levels convert; 101 do not, whichever way they nest.
  @Test(arguments: [("{", "}"), ("x^{", "}"), ("\\sqrt{", "}"), ("\\left(", "\\right)"), ("\\hat ", "")])
  func nestingBoundIsAHundredLevels(open: String, close: String) throws {
    func nested(_ n: Int) -> String {
      String(repeating: open, count: n) + "x" + String(repeating: close, count: n)
    }
    // The whole formula is one level; each opening adds one.
    #expect(try TeXToMathML.convert(nested(99), display: false).hasPrefix("<math"))
    #expect(throws: MathError.self) { try TeXToMathML.convert(nested(100), display: false) }
  }

  /// Putting 4,000 formulas back used to cost blocks × formulas (32 s in a debug build
  /// for this lesson); it is one pass over each block now (the test below proves the one
  /// pass; `Benchmarks/scale.sh` measures the time).
  @Test func manyFormulasAreRestoredInOnePass() throws {
    var text = "# Scale\n\n"
    for i in 0..<1000 { text += "Paragraph \(i): $x_{\(i)}$, $y^2$, $\\alpha + \\beta$ and $h_t$.\n\n" }
    let lesson = Markup.lesson(text)
    #expect(lesson.diagnostics.isEmpty)
    let html = Markup.prose(lesson)
    #expect(html.components(separatedBy: "<math ").count - 1 == 4000)
    #expect(html.contains("<msub><mi>x</mi><mn>999</mn></msub>"))
  }

  /// The restorer asks for each placeholder's replacement once per occurrence, never
  /// once per span and block.
  @Test func restoringAsksOncePerPlaceholder() {
    let markdown = (0..<500).map { "$x_{\($0)}$ and $y$" }.joined(separator: "\n\n")
    let protected = MathSpans.protect(markdown)
    #expect(protected.spans.count == 1000)
    var asked = 0
    let restored = protected.placeholders.restore(html: "<p>" + protected.text + "</p>") { index, _ in
      asked += 1
      return "[\(index)]"
    }
    #expect(asked == 1000)
    #expect(restored.hasPrefix("<p>[0] and [1]\n\n[2] and [3]"))
  }

  /// Math in a link's URL or title, an image's alt text, a fence's info string or code
  /// stays TeX, escaped; only math in text becomes MathML.
  @Test func mathInAttributesAndCodeStaysTeX() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-math-in-attributes.md"))
    let html = Markup.prose(lesson)
    #expect(html.contains("<a href=\"$x%3Cy$\" title=\"the $a \\&amp; b$ title\">link</a>"))
    #expect(html.contains("<img src=\"$%5Cbeta$.png\" alt=\"the $\\alpha$ image\" title=\"$z$\" />"))
    #expect(html.contains("href=\"https://example.org/$y$\" title=\"$\\frac{1}{2}$\">reference</a>"))
    #expect(html.contains("<code class=\"language-$\\sigma$\">code with $h_t$ inside\n</code>"))
    #expect(html.contains("<code>indented $w$ code\n</code>"))
    #expect(html.contains("And <math"))
    #expect(html.components(separatedBy: "<math ").count == 2)
    #expect(PageChecker.problems(in: Markup.page(lesson)).isEmpty)
  }

  /// Text that looks like a placeholder is text, written as is or with a reference.
  @Test func placeholdersCannotBeForged() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-forged-placeholder.md"))
    let html = Markup.prose(lesson)
    #expect(html.components(separatedBy: "<math ").count == 2)
    #expect(html.contains("the words UNROLLEDMATH0X, UNROLLEDMATH0X, UNROLLEDMATHC and UNROLLEDMATHCONTINUED."))
  }

  /// The marker gets one more Q than the longest run after UNROLLEDMATH in the lesson,
  /// written out or as references, found in one pass (a lesson full of ever longer
  /// runs used to cost one search of the whole text per Q).
  @Test func theMarkerAvoidsEveryRunOfQ() {
    #expect(MathPlaceholders(avoiding: "no marker here").marker == "UNROLLEDMATH")
    #expect(MathPlaceholders(avoiding: "UNROLLEDMATHQQ and &#85;NROLLEDMATHQQQ").marker == "UNROLLEDMATHQQQQ")
    let runs = (0..<1500).map { "UNROLLEDMATH" + String(repeating: "Q", count: $0) }.joined(separator: " ")
    let lesson = Markup.lesson("# T\n\n\(runs) $x$\n")
    #expect(Markup.prose(lesson).components(separatedBy: "<math ").count == 2)
  }

  /// Inputs that make naive Markdown and math scanners slow or deep still give
  /// well-formed pages (how long they take is measured by `Benchmarks/scale.sh`).
  @Test func pathologicalInputsGiveWellFormedPages() {
    var backticks = ""
    for n in 1...300 { backticks += String(repeating: "`", count: n) + " x " }
    let inputs = [
      String(repeating: ">", count: 20000) + " x", String(repeating: "[", count: 50000) + "x",
      (0..<500).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n"),
      String(repeating: "*a ", count: 30000), backticks, String(repeating: "$a ", count: 30000),
      String(repeating: "$a` ", count: 30000), String(repeating: "$$a\n\n", count: 10000),
      String(repeating: "\\$", count: 50000), String(repeating: "[a](b ", count: 20000),
      String(repeating: "[", count: 5000) + "x" + String(repeating: "](u)", count: 5000),
      String(repeating: "<div>\n", count: 20000), "|a|b|\n|-|-|\n" + String(repeating: "|$x$|`y`|\n", count: 10000),
      String(repeating: "&#85;NROLLEDMATH", count: 20000) + " $x$",
      "$a" + String(repeating: "\n   x", count: 20000) + "$",
    ]
    for input in inputs {
      let page = Markup.page(Markup.lesson("# T\n\n" + input + "\n"))
      #expect(PageChecker.problems(in: page).isEmpty, "\(input.prefix(20).debugDescription)")
    }
  }

  /// A line that opens a fence ends the paragraph above it, for the math scanner as for
  /// cmark: three backticks in a sentence do not open a code span that runs into the
  /// fence, and math in a fence's info string is text, restored as written (found by
  /// the fuzz test: the placeholder was left on the page).
  @Test func aFenceEndsTheParagraphAboveIt() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-fence-in-paragraph.md"))
    #expect(lesson.cells.map(\.language) == ["$w$", "text", "$x$"])
    #expect(lesson.cells.map(\.code) == ["more code\n", "$y$ is code here\n", "code\n"])
    #expect(lesson.diagnostics.isEmpty)
    let page = Markup.page(lesson)
    #expect(page.contains("<p>And <math"))
    #expect(!page.contains("UNROLLEDMATH"))
    #expect(PageChecker.problems(in: page).isEmpty)
  }
}
