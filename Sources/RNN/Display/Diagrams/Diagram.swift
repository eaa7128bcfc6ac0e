import Foundation

/// The figures of the course, drawn as SVG by code so that each one matches the lessons'
/// equations symbol for symbol and every copy of it is the same bytes.
///
/// Each figure has a `<title>` and a `<desc>` for screen readers, and follows the
/// reader's light or dark colour scheme from its own `<style>` (an SVG shown by `<img>`
/// does not see the page's CSS).
public enum Diagrams {
  /// Every figure the lessons show, by the file name it is saved under in
  /// `Lessons/figures/`, in a fixed order.
  public static var figures: [(name: String, svg: String)] {
    [
      ("rnn-unrolled.svg", rnnUnrolled(steps: 3)),
      ("bptt-gradient-paths.svg", bpttGradientPaths()),
      ("lstm-cell.svg", lstmCell()),
      ("gru-cell.svg", gruCell()),
      ("truncated-bptt-windows.svg", truncatedWindows(length: 12, window: 4)),
    ]
  }
}

/// A tiny vocabulary for the figures: boxes, circles with an operator, arrows, and text
/// whose `_x` or `_{…}` become real subscripts.
struct Diagram {
  /// The classes the figures use: `m` mathematics (italic), `s` small sans-serif notes,
  /// `w` shared weights, `g` gradients (dashed), `node`, `gate` and `op` shapes.
  static let style = """
    <style>
      text { font: 17px Georgia, "Times New Roman", serif; fill: #1d1d1f; }
      text.m { font-style: italic; }
      text.s { font: 14px system-ui, sans-serif; fill: #5a5a60; }
      text.w { fill: #a2206e; } text.g { fill: #b0302d; }
      .line { stroke: #1d1d1f; stroke-width: 1.6; fill: none; }
      .w { stroke: #a2206e; } .g { stroke: #b0302d; stroke-dasharray: 6 4; }
      .node { fill: #f2f1ec; stroke: #1d1d1f; stroke-width: 1.6; }
      .gate { fill: #e4eef7; stroke: #2a6a8f; stroke-width: 1.6; }
      .op { fill: #fdfdfb; stroke: #1d1d1f; stroke-width: 1.6; }
      .window { fill: none; stroke: #2a6a8f; stroke-width: 1.6; }
      .head { fill: #1d1d1f; } .head.w { fill: #a2206e; } .head.g { fill: #b0302d; }
      @media (prefers-color-scheme: dark) {
        text { fill: #e6e6e3; } text.s { fill: #a4a4a0; } text.w { fill: #f08fc0; } text.g { fill: #f08a86; }
        .line { stroke: #e6e6e3; } .w { stroke: #f08fc0; } .g { stroke: #f08a86; }
        .node { fill: #23252a; stroke: #e6e6e3; } .gate { fill: #1f3342; stroke: #7fc4e8; }
        .op { fill: #17181a; stroke: #e6e6e3; } .window { stroke: #7fc4e8; }
        .head { fill: #e6e6e3; } .head.w { fill: #f08fc0; } .head.g { fill: #f08a86; }
      }
    </style>
    """

  let width: Double
  let height: Double
  let title: String
  let description: String
  private var body: [String] = []

  /// A figure `width` by `height` with a title and a description a screen reader reads.
  init(width: Double, height: Double, title: String, description: String) {
    self.width = width
    self.height = height
    self.title = title
    self.description = description
  }

  /// A number with at most one decimal and none when it is whole, the same bytes on
  /// every machine.
  static func n(_ x: Double) -> String {
    let text = SVGText.coordinate(x)
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  /// Text at (`x`, `y`) in the given classes, anchored `start`, `middle` or `end`.
  mutating func text(
    _ x: Double, _ y: Double, _ label: String, _ classes: String = "m", anchor: String = "middle"
  ) {
    body.append(
      "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" class=\"\(classes)\" text-anchor=\"\(anchor)\">"
        + SVGText.rich(label) + "</text>")
  }

  /// A circle of radius `r` centred at (`x`, `y`) holding `label`.
  mutating func circle(
    _ x: Double, _ y: Double, r: Double, _ label: String, shape: String = "op",
    textClass: String = ""
  ) {
    body.append(
      "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" class=\"\(shape)\"/>")
    text(x, y + 6, label, textClass)
  }

  /// A rounded box `w` by `h` centred at (`x`, `y`) holding `label`.
  mutating func box(
    _ x: Double, _ y: Double, w: Double, h: Double, _ label: String, shape: String = "gate"
  ) {
    body.append(
      "<rect x=\"\(Self.n(x - w / 2))\" y=\"\(Self.n(y - h / 2))\" width=\"\(Self.n(w))\""
        + " height=\"\(Self.n(h))\" rx=\"6\" class=\"\(shape)\"/>")
    text(x, y + 6, label, "")
  }

  /// A rectangle with its top-left corner at (`x`, `y`), in the given class.
  mutating func rect(_ x: Double, _ y: Double, w: Double, h: Double, _ shape: String) {
    body.append(
      "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\""
        + " height=\"\(Self.n(h))\" rx=\"8\" class=\"\(shape)\"/>")
  }

  /// A plain line, no arrowhead.
  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ kind: String = ""
  ) {
    body.append(
      "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\""
        + " class=\"line\(kind.isEmpty ? "" : " " + kind)\"/>")
  }

  /// An arrow from (`x1`, `y1`) with its tip at (`x2`, `y2`); `kind` is `""`, `"w"`
  /// (a shared weight) or `"g"` (a gradient, dashed).
  mutating func arrow(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ kind: String = ""
  ) {
    let length = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot()
    let (ux, uy) = ((x2 - x1) / length, (y2 - y1) / length)
    line(x1, y1, x2 - 4 * ux, y2 - 4 * uy, kind)
    let (bx, by) = (x2 - 8.3 * ux, y2 - 8.3 * uy)
    body.append(
      "<path d=\"M\(Self.n(x2)),\(Self.n(y2)) L\(Self.n(bx - 3.5 * uy)),\(Self.n(by + 3.5 * ux))"
        + " L\(Self.n(bx + 3.5 * uy)),\(Self.n(by - 3.5 * ux)) Z\""
        + " class=\"head\(kind.isEmpty ? "" : " " + kind)\"/>")
  }

  /// Raw SVG, for the odd curve the vocabulary has no word for.
  mutating func raw(_ element: String) { body.append(element) }

  /// The finished SVG document, ending in a newline.
  var svg: String {
    let w = Self.n(width)
    let h = Self.n(height)
    return
      ([
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\""
          + " height=\"\(h)\" role=\"img\" aria-labelledby=\"t d\">",
        "<title id=\"t\">\(SVGText.escape(title))</title>",
        "<desc id=\"d\">\(SVGText.escape(description))</desc>",
        Self.style,
      ] + body + ["</svg>"]).joined(separator: "\n") + "\n"
  }
}
