import Foundation
import LessonKit
import Testing

/// Math in lessons: protected from Markdown, converted to MathML, errors with lines.
@Suite struct MathTests {
  func page(_ markdown: String) -> Lesson { LessonParser.parse(markdown, path: "Lessons/m.md") }

  func html(_ lesson: Lesson) -> String {
    lesson.blocks.map { if case .prose(let html, _) = $0 { html } else { "" } }.joined()
  }

  /// A line must not start with Chinese punctuation: an inline formula and the comma
  /// or full stop right after it are one unbreakable span; English text, a formula
  /// followed by a space and displayed equations are left as they were.
  @Test func chinesePunctuationStaysWithTheFormulaBeforeIt() {
    let text = html(page("给 tanh 里面的值起个名字 $z_t$，每个导数就都只需一行。最后是 $h_T$。\n\nIn English $z_t$, then.\n\n$$a$$\n"))
    #expect(text.contains("<span class=\"math-punct\"><math"))
    #expect(text.components(separatedBy: "<span class=\"math-punct\">").count == 3)
    #expect(text.contains("</math>，</span>每个导数"))
    #expect(text.contains("</math>。</span>"))
    #expect(text.contains("</math>, then."))
  }

  @Test func subscriptsNeverBecomeEmphasis() {
    let lesson = page("# T\n\nThe sum $W_{hh} h_{t-1} + W_{xh} x_t$ and $a*b*c$.\n")
    let text = html(lesson)
    #expect(!text.contains("<em>"))
    #expect(text.contains("<msub><mi>W</mi><mrow><mi>h</mi><mi>h</mi></mrow></msub>"))
    #expect(text.contains("<mo>∗</mo>"))
    #expect(lesson.diagnostics.isEmpty)
  }

  @Test func dollarsInCodeAndPricesAreNotMath() {
    let lesson = page(
      "# T\n\nIt costs $5 and $10, or $10 and $5; `let s = \"$x$\"` is code; \\$y\\$ is escaped.\n\n```swift\nprint(\"$z$\")\n```\n"
    )
    let text = html(lesson)
    #expect(!text.contains("<math"))
    #expect(text.contains("$5 and $10, or $10 and $5"))
    #expect(text.contains("<code>let s = &quot;$x$&quot;</code>"))
    #expect(lesson.cells.first?.code == "print(\"$z$\")\n")
  }

  @Test func displayedMathKeepsLineNumbersAndBackslashes() throws {
    let lesson = page("# T\n\n$$\n\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}\n$$\n\n```swift\nprint(1)\n```\n")
    let text = html(lesson)
    #expect(text.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\""))
    #expect(text.contains("<mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd>"))
    #expect(text.contains("<mo fence=\"true\" stretchy=\"true\">[</mo>"))
    #expect(!text.contains("UNROLLEDMATH"))
    #expect(try #require(lesson.cells.first).fenceLine == 7)
  }

  @Test func unsupportedCommandIsAnErrorWithItsLine() throws {
    let lesson = page("# T\n\nFine $x$.\n\nNot fine: $\\frobnicate{x}$.\n")
    let diagnostic = try #require(lesson.diagnostics.first)
    #expect(diagnostic.line == 5)
    #expect(diagnostic.description.hasPrefix("Lessons/m.md:5: error:"))
    #expect(diagnostic.message.contains("\\frobnicate"))
    #expect(html(lesson).contains("<code class=\"math-error\">\\frobnicate{x}</code>"))
  }

  @Test func unclosedDisplayMathIsAnError() {
    let lesson = page("# T\n\ntext\n\n$$ x = 1\n")
    #expect(lesson.diagnostics.map(\.line) == [5])
  }

  /// Every construct the course uses converts, and mistakes in it are errors.
  @Test(arguments: [
    "x^2_i", "\\frac{\\partial L}{\\partial h_t}", "\\nabla_\\theta L", "\\alpha\\beta\\gamma\\delta\\eta\\sigma",
    "\\tanh(z)", "\\sigma(z) \\odot c", "a \\cdot b", "W^\\top", "\\sum_{t=1}^{T} L_t", "\\prod_{k} x_k",
    "\\sqrt{x}", "\\sqrt[3]{x}", "\\mathbf{h}_t", "\\hat{y}", "\\tilde{c}_t", "\\left( \\frac{a}{b} \\right)",
    "\\text{loss}", "W \\in \\mathbb{R}^{n \\times m}", "a \\approx b", "a \\le b",
    "\\begin{pmatrix} 1 & 2 \\end{pmatrix}",
    "\\begin{aligned} a &= b \\\\ &= c \\end{aligned}", "\\lVert g \\rVert_2", "f'(x)", "25 \\ln 65 \\approx 104.3",
  ])
  func courseMathConverts(tex: String) throws {
    let html = try TeXToMathML.convert(tex, display: true)
    #expect(html.hasPrefix("<math"))
    let body = try #require(html.range(of: "\">")).upperBound
    #expect(!html[body...].contains("\\"), "a command was left unconverted")
  }

  @Test(arguments: [
    "\\frac{a}", "x^", "{a", "a}", "\\left( a", "\\begin{pmatrix} a", "\\begin{foo} a \\end{foo}", "x_1_2",
  ])
  func brokenMathThrows(tex: String) {
    #expect(throws: MathError.self) { try TeXToMathML.convert(tex, display: false) }
  }

  @Test func boldUsesMathematicalBoldLetters() throws {
    #expect(try TeXToMathML.convert("\\mathbf{h}", display: false).contains("<mi>𝐡</mi>"))
    #expect(try TeXToMathML.convert("\\mathbb{R}", display: false).contains("ℝ"))
  }
}
