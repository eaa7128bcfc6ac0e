import Foundation

/// Helpers shared by the charts: escaping, fixed-precision numbers and tick marks.
enum SVGText {
  /// `text` safe inside an XML element or a quoted attribute.
  static func escape(_ text: String) -> String {
    var result = ""
    for c in text.unicodeScalars {
      switch c {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.unicodeScalars.append(c)
      }
    }
    return result
  }

  /// A coordinate with one decimal, the same bytes on every machine.
  static func coordinate(_ x: Double) -> String { fmt(x, 1) }

  /// The opening of a chart: an `<svg>` with a title and a description that screen
  /// readers announce, sized by its view box so it scales to the page.
  static func open(width: Int, height: Int, title: String, description: String, kind: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(kind)\" viewBox=\"0 0 \(width) \(height)\" "
      + "role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n"
      + "<title>\(escape(title))</title>\n<desc>\(escape(description))</desc>\n"
  }

  /// A short label for a tick value: no trailing zeros, powers of ten as 1e-3.
  static func label(_ value: Double) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e5 || magnitude < 1e-3 {
      let exponent = Int(log10(magnitude).rounded(.down))
      let mantissa = value / pow(10, Double(exponent))
      let m = trimmed(fmt(mantissa, 1))
      return (m == "1" ? "1" : m) + "e\(exponent)"
    }
    return trimmed(fmt(value, 4))
  }

  private static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var t = Substring(text)
    while t.hasSuffix("0") { t = t.dropLast() }
    if t.hasSuffix(".") { t = t.dropLast() }
    return String(t)
  }

  /// About `count` round tick values (1, 2 or 5 times a power of ten apart) covering
  /// `low...high`.
  static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
    guard high > low else { return [low] }
    let rough = (high - low) / Double(max(1, count))
    let power = pow(10, (log10(rough)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
    var values: [Double] = []
    var k = (low / step).rounded(.up)
    while k * step <= high + step * 1e-9 {
      values.append(abs(k * step) < step * 1e-9 ? 0 : k * step)
      k += 1
    }
    return values
  }

  /// Colours for series, told apart in light and dark pages and by most colour-blind
  /// readers (a blue, orange, green, purple, brown, grey sequence).
  static let palette = ["#1f77b4", "#e8710a", "#2ca02c", "#9467bd", "#8c564b", "#7f7f7f", "#d62728", "#17becf"]

  /// A line from (x1, y1) to (x2, y2).
  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
    "<line x1=\"\(coordinate(x1))\" y1=\"\(coordinate(y1))\" x2=\"\(coordinate(x2))\" "
      + "y2=\"\(coordinate(y2))\"/>\n"
  }

  /// A text label at (x, y), anchored at its start, middle or end.
  static func text(_ x: Double, _ y: Double, _ content: String, anchor: String, extra: String = "") -> String {
    "<text x=\"\(coordinate(x))\" y=\"\(coordinate(y))\" text-anchor=\"\(anchor)\"\(extra)>"
      + escape(content) + "</text>\n"
  }
}
