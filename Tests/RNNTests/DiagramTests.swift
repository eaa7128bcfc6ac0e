import Foundation
import Testing

@testable import RNN

/// The figures in Lessons/figures/ are what `Diagrams` draws, and say what they show.
struct DiagramTests {
  static let figures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Lessons/figures")

  @Test(arguments: Diagrams.figures.map(\.name))
  func committedFileIsWhatTheCodeDraws(name: String) throws {
    let drawn = try #require(Diagrams.figures.first { $0.name == name }).svg
    let committed = try Data(contentsOf: Self.figures.appendingPathComponent(name))
    #expect(
      committed == Data(drawn.utf8),
      "Lessons/figures/\(name) differs from what Diagrams draws: run `swift run draw-figures`")
  }

  @Test func drawingIsDeterministic() {
    for (a, b) in zip(Diagrams.figures, Diagrams.figures) { #expect(a.svg == b.svg) }
  }

  @Test(arguments: Diagrams.figures.map(\.name))
  func eachHasATitleADescriptionAndBothColourSchemes(name: String) throws {
    let svg = try #require(Diagrams.figures.first { $0.name == name }).svg
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains("role=\"img\" aria-labelledby=\"t d\""))
    #expect(svg.range(of: #"<title id="t">[^<]+</title>"#, options: .regularExpression) != nil)
    #expect(svg.range(of: #"<desc id="d">[^<]{40,}</desc>"#, options: .regularExpression) != nil)
    #expect(svg.contains("@media (prefers-color-scheme: dark)"))
    #expect(svg.hasSuffix("</svg>\n"))
  }

  /// `base` with `script` as a subscript, the way `Diagram` writes it.
  func symbol(_ base: String, _ script: String) -> String {
    base + "<tspan baseline-shift=\"sub\" font-size=\"75%\">\(script)</tspan>"
  }

  @Test func lstmShowsEverySymbolOfItsEquations() {
    let svg = Diagrams.lstmCell()
    for (base, script) in [
      ("𝐟", "t"), ("𝐢", "t"), ("𝐨", "t"), ("𝐜̃", "t"), ("𝐜", "t"), ("𝐜", "t−1"),
      ("𝐡", "t"), ("𝐡", "t−1"), ("𝐱", "t"),
    ] {
      #expect(svg.contains(symbol(base, script)), "no \(base)_\(script)")
    }
    for op in [">⊙<", ">+<", ">σ<", ">tanh<"] { #expect(svg.contains(op)) }
  }

  @Test func gruShowsEverySymbolOfItsEquations() {
    let svg = Diagrams.gruCell()
    for (base, script) in [
      ("𝐳", "t"), ("𝐫", "t"), ("𝐡̂", "t"), ("𝐡", "t"), ("𝐡", "t−1"), ("𝐱", "t"),
    ] {
      #expect(svg.contains(symbol(base, script)), "no \(base)_\(script)")
    }
    for op in [">⊙<", ">+<", ">σ<", ">tanh<", ">1−<"] { #expect(svg.contains(op)) }
  }

  @Test func unrolledMarksTheSharedWeightOnEveryLink() {
    let svg = Diagrams.rnnUnrolled(steps: 4)
    for t in 0...4 { #expect(svg.contains(symbol("h", "\(t)"))) }
    // One w_hh in the folded loop and one on each of the four links, all in the weight colour.
    #expect(svg.components(separatedBy: "class=\"m w\"").count - 1 == 5)
    #expect(svg.components(separatedBy: "class=\"line w\"").count - 1 == 6)
  }

  @Test func bpttDrawsTheGradientFromTheNextStep() {
    let svg = Diagrams.bpttGradientPaths()
    // Between steps 1 and 2, and 2 and 3: a dashed arrow and its label.
    #expect(svg.components(separatedBy: ">from step t+1</text>").count - 1 == 2)
    for t in 1...3 {
      for base in ["x", "z", "h", "y", "L"] { #expect(svg.contains(symbol(base, "\(t)"))) }
    }
  }

  @Test func truncatedWindowsStopTheGradientAtEachWindowsStart() {
    let svg = Diagrams.truncatedWindows(length: 10, window: 4)
    // Windows of 4, 4 and 2 steps: 3, 3 and 1 gradient links, none across a boundary.
    #expect(svg.components(separatedBy: "class=\"window\"").count - 1 == 3)
    #expect(svg.components(separatedBy: "class=\"line g\"").count - 1 == 7)
    // The state is carried across every boundary: 9 forward links.
    #expect(svg.components(separatedBy: "class=\"line\"").count - 1 == 9)
    // Steps past 9 keep both digits in the subscript (h₁₀, not h₁0).
    #expect(svg.contains(">10</tspan>"))
    #expect(!svg.contains(">1</tspan>0"))
  }

  @Test func subscriptsAreEscapedAndBraced() {
    #expect(SVGText.rich("a<b") == "a&lt;b")
    #expect(SVGText.rich("w_{hh} x") == "w" + symbol("", "hh") + " x")
  }
}
