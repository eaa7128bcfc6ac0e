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

  /// The size of a chart's text in its view box: charts are 520 wide, so on a 360-pixel
  /// phone, where they shrink to about 340 pixels, text is still about 12 pixels high.
  static let fontSize = 18

  /// The size of a chart's title.
  static let titleSize = 20

  /// The width of every chart's view box.
  static let width = 520.0

  /// A chart's title, centred at the top, in the page's text colour: on two lines when
  /// it would not fit the chart's width on one (see ``titleLines(_:)``).
  static func title(_ title: String) -> String {
    titleLines(title).enumerated().map { i, line in
      text(
        width / 2, 24 + Double(i) * titleLineHeight, line, anchor: "middle",
        extra: " font-weight=\"600\" font-size=\"\(titleSize)\"")
    }.joined()
  }

  /// About how wide `text` is drawn at `size`: 0.58 of the size per character shown
  /// (the `_` and `^` that set scripts are not shown), a generous average for a
  /// sans-serif, so what is laid out by it stays inside its chart.
  static func estimatedWidth(_ text: String, size: Double = Double(fontSize)) -> Double {
    text.filter { $0 != "_" && $0 != "^" }.reduce(0) { $0 + (isWide($1) ? 1 : 0.58) } * size
  }

  /// Whether `c` is drawn a whole em wide: a Chinese, Japanese or Korean character or a
  /// full-width form (Chinese punctuation among them), where a Latin letter takes about
  /// half as much.
  static func isWide(_ c: Character) -> Bool {
    guard let v = c.unicodeScalars.first?.value else { return false }
    let ranges: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD,
    ]
    return ranges.contains { $0.contains(v) }
  }

  /// The x at which to centre `label` near `x` so that all of it stays inside the view
  /// box (a tick label at the plot's right edge would otherwise run past it).
  static func centreInside(_ x: Double, _ label: String) -> Double {
    let half = estimatedWidth(label) / 2 + 2
    return min(max(x, half), width - half)
  }

  /// The distance between a two-line title's baselines.
  static let titleLineHeight = 24.0

  /// How much lower a chart's plot starts because of its title: a second line's height,
  /// or nothing.
  static func titleDrop(_ title: String) -> Double {
    Double(titleLines(title).count - 1) * titleLineHeight
  }

  /// `title` as one line if it fits the view box at the title's size, else as two,
  /// broken nearest its middle: at a space (dropped), or between two characters of
  /// Chinese, which needs no space, but never before Chinese punctuation. The width is
  /// estimated, generously, at 0.62 of the font size per Latin character (a bold
  /// sans-serif averages less) and a whole em per wide one, so a title never runs off
  /// the chart, where it would be cut.
  static func titleLines(_ title: String) -> [String] {
    let characters = Array(title)
    let ems = characters.map { isWide($0) ? 1 : 0.62 }
    guard ems.reduce(0, +) * Double(titleSize) > width - 24 else { return [title] }
    let closing: Set<Character> = ["，", "。", "：", "；", "、", "）", "”", "！", "？", "》"]
    // A break at i starts the second line with characters[i] (a space there is dropped).
    let breaks = characters.indices.dropFirst().filter { i in
      characters[i] == " " || ((isWide(characters[i - 1]) || isWide(characters[i])) && !closing.contains(characters[i]))
    }
    var before = [0.0]
    for e in ems { before.append(before.last! + e) }
    let half = before[characters.count / 2]  // the middle character's start
    guard let split = breaks.min(by: { abs(before[$0] - half) < abs(before[$1] - half) }) else { return [title] }
    let rest = characters[split] == " " ? split + 1 : split
    return [String(characters[..<split]), String(characters[rest...])]
  }

  /// The opening of a chart: an `<svg>` with a title and a description that screen
  /// readers announce, sized by its view box so it scales to the page.
  static func open(width: Int, height: Int, title: String, description: String, kind: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(kind)\" viewBox=\"0 0 \(width) \(height)\" "
      + "role=\"img\" fill=\"currentColor\" font-family=\"system-ui, sans-serif\" font-size=\"\(fontSize)\">\n"
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

  /// Dash patterns for series, so lines differ by more than colour: solid, dashed,
  /// dotted, dash-dot, long dash, and again.
  static let dashes = ["", "9 5", "2 4", "10 4 2 4", "16 6"]

  /// The dash attribute of series `index` (empty for a solid line).
  static func dash(_ index: Int) -> String {
    let pattern = dashes[index % dashes.count]
    return pattern.isEmpty ? "" : " stroke-dasharray=\"\(pattern)\""
  }

  /// Round values for a log axis from `10^low` to `10^high`: powers of ten, and over less
  /// than two decades also 2 and 5 times them, so a value can be read off.
  static func logTicks(_ low: Double, _ high: Double) -> [Double] {
    let multiples: [Double] = high - low < 2 ? [1, 2, 5] : [1]
    var values: [Double] = []
    for power in Int(low.rounded(.down))...Int(high.rounded(.up)) {
      for m in multiples {
        let value = m * pow(10, Double(power))
        let position = log10(value)
        if position >= low - 1e-9 && position <= high + 1e-9 { values.append(value) }
      }
    }
    if values.count > 7 {
      let step = (values.count + 5) / 6
      values = values.enumerated().filter { $0.offset % step == 0 }.map(\.element)
    }
    return values
  }

  /// `label` as SVG text with its TeX-like scripts set as scripts: `h_t` and `h_{t-1}`
  /// put the letters after `_` below the line, `0.5^k` puts `k` above it, and a hyphen
  /// in a subscript becomes a minus sign.
  static func rich(_ label: String) -> String {
    var result = ""
    let chars = Array(label)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      guard c == "_" || c == "^", i + 1 < chars.count, i > 0, chars[i - 1] != " " else {
        result += escape(String(c))
        i += 1
        continue
      }
      var script = ""
      var j = i + 1
      if chars[j] == "{" {
        j += 1
        while j < chars.count, chars[j] != "}" {
          script.append(chars[j])
          j += 1
        }
        j += 1
      } else {
        while j < chars.count, chars[j].isLetter || chars[j].isNumber || "+-−".contains(chars[j]) {
          script.append(chars[j])
          j += 1
        }
      }
      guard !script.isEmpty else {
        result += escape(String(c))
        i += 1
        continue
      }
      let shift = c == "_" ? "sub" : "super"
      let text = escape(script.replacingOccurrences(of: "-", with: "−"))
      result += "<tspan baseline-shift=\"\(shift)\" font-size=\"75%\">\(text)</tspan>"
      i = j
    }
    return result
  }

  /// A line from (x1, y1) to (x2, y2).
  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
    "<line x1=\"\(coordinate(x1))\" y1=\"\(coordinate(y1))\" x2=\"\(coordinate(x2))\" "
      + "y2=\"\(coordinate(y2))\"/>\n"
  }

  /// A text label at (x, y), anchored at its start, middle or end.
  static func text(_ x: Double, _ y: Double, _ content: String, anchor: String, extra: String = "") -> String {
    "<text x=\"\(coordinate(x))\" y=\"\(coordinate(y))\" text-anchor=\"\(anchor)\"\(extra)>"
      + rich(content) + "</text>\n"
  }
}
