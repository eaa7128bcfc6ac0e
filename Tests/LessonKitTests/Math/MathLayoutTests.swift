import LessonKit
import Testing

/// The MathML written for each construct the course uses is the structure a browser
/// needs to set it as TeX would.
@Suite struct MathLayoutTests {
  func math(_ tex: String, display: Bool = false) throws -> String {
    try TeXToMathML.convert(tex, display: display)
  }

  @Test func aFunctionNameIsTheBaseOfItsScriptAndIsAppliedAfterIt() throws {
    let html = try math("1 - \\tanh^2 z")
    #expect(html.contains("<msup><mi>tanh</mi><mn>2</mn></msup><mo rspace=\"0.1667em\">\u{2061}</mo><mi>z</mi>"))
    #expect(try math("\\log_2 x").contains("<msub><mi>log</mi><mn>2</mn></msub><mo rspace=\"0.1667em\">\u{2061}</mo>"))
  }

  @Test func aFunctionNameIsSpacedFromWhatSurroundsIt() throws {
    let html = try math("25 \\ln 65")
    #expect(
      html.contains(
        "<mn>25</mn><mspace width=\"0.1667em\"/><mi>ln</mi><mo rspace=\"0.1667em\">\u{2061}</mo><mn>65</mn>"))
    // Before a bracket, and after an operator, no extra space.
    let bracket = try math("a = \\exp(x)")
    #expect(bracket.contains("<mo>=</mo><mi>exp</mi><mo>\u{2061}</mo><mo stretchy=\"false\">(</mo>"))
    #expect(try math("\\sigma_{\\max}").contains("<msub><mi>σ</mi><mrow><mi>max</mi><mo>\u{2061}</mo></mrow></msub>"))
  }

  @Test func textKeepsTheSpacesAtItsEnds() throws {
    #expect(try math("\\text{from step } t").contains("<mtext>from&#160;step&#160;</mtext>") == false)
    #expect(try math("\\text{from step } t").contains("<mtext>from step&#160;</mtext><mi>t</mi>"))
    #expect(try math("x \\text{ if } y").contains("<mtext>&#160;if&#160;</mtext>"))
  }

  @Test func aLeadingMinusIsASignAndAMinusBetweenTermsIsSubtraction() throws {
    #expect(try math("-\\eta g").hasSuffix("<mrow><mo form=\"prefix\">−</mo><mi>η</mi><mi>g</mi></mrow></math>"))
    #expect(try math("a = -b").contains("<mo>=</mo><mo form=\"prefix\">−</mo><mi>b</mi>"))
    #expect(try math("(-b)").contains("(</mo><mo form=\"prefix\">−</mo>"))
    #expect(try math("(a) - b").contains(")</mo><mo>−</mo><mi>b</mi>"))
    #expect(try math("a - b").contains("<mi>a</mi><mo>−</mo><mi>b</mi>"))
  }

  @Test func aSubscriptWithAnExpressionIsOneScript() throws {
    #expect(
      try math("h_{t-1}").contains("<msub><mi>h</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub>"))
  }

  @Test func normsAndBracketsAroundAFractionStretch() throws {
    let html = try math("\\left\\lVert \\frac{a}{b} \\right\\rVert", display: true)
    #expect(html.contains("<mrow><mo fence=\"true\" stretchy=\"true\">‖</mo><mfrac>"))
    #expect(html.contains("</mfrac><mo fence=\"true\" stretchy=\"true\">‖</mo></mrow>"))
    #expect(try math("\\left\\| x \\right\\|").contains("<mo fence=\"true\" stretchy=\"true\">‖</mo>"))
    #expect(try math("\\sqrt{\\sum g^2}").contains("<msqrt><mrow><mo largeop"))
  }

  @Test func underAndOverBracesAreDrawnUnderTheirWholeBase() throws {
    let html = try math("\\underbrace{a + b}_{\\text{two}}", display: true)
    #expect(
      html.contains(
        "<munder><munder><mrow class=\"underbrace\"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow></mrow>"
          + "<mo class=\"brace\" stretchy=\"true\">⏟</mo></munder><mtext>two</mtext></munder>"))
    #expect(
      try math("\\overbrace{a}^{n}", display: true).contains(
        "<mover><mover><mrow class=\"overbrace\"><mi>a</mi></mrow><mo class=\"brace\" stretchy=\"true\">⏞</mo>"
          + "</mover><mi>n</mi></mover>"))
    // Chromium stretches no operator under a base: the stylesheet draws the brace as a border.
    #expect(Stylesheet.css.contains("mrow.underbrace { border: 0 solid; border-bottom-width: 1.5px;"))
    #expect(Stylesheet.css.contains("mo.brace { display: none; }"))
  }

  @Test func anAlignedBlockIsATableWhoseRelationsStartTheRightColumn() throws {
    let html = try math("\\begin{aligned} a &= b + c \\\\ &= -d \\end{aligned}", display: true)
    #expect(html.contains("<mtable class=\"aligned\" displaystyle=\"true\" columnalign=\"right left\""))
    #expect(html.contains("<mtr><mtd><mi>a</mi></mtd><mtd><mrow><mo form=\"infix\">=</mo><mi>b</mi>"))
    #expect(
      html.contains("<mtr><mtd><mrow></mrow></mtd><mtd><mrow><mo form=\"infix\">=</mo><mo form=\"prefix\">−</mo>"))
    #expect(Stylesheet.css.contains("mtable.aligned > mtr > mtd { padding: .15em 0; text-align: left; }"))
  }
}
