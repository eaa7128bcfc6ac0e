/// A bar chart: one bar per label, starting from zero, with its value written on it.
public struct BarChart: Displayable, Sendable {
  /// The title, also read by screen readers.
  public var title: String
  /// The name under each bar.
  public var labels: [String]
  /// The bars' heights.
  public var values: [Double]
  /// The y axis label.
  public var yLabel: String
  /// Digits shown in each bar's value.
  public var digits: Int

  /// A chart of `values`, one bar per label.
  public init(title: String, labels: [String], values: [Double], y yLabel: String = "", digits: Int = 3) {
    self.title = title
    self.labels = labels
    self.values = values
    self.yLabel = yLabel
    self.digits = digits
  }

  /// One line of text standing for the picture.
  public var summary: String { "[bar chart: \(title)]" }

  /// The chart as an inline SVG.
  public var html: String {
    let width = SVGText.width
    let right = width - 16
    let top = 48.0 + SVGText.titleDrop(title)
    let bottom = 290.0 + SVGText.titleDrop(title)
    // Labels wider than their bar's slot are set at 45°, below the axis, with room made
    // for the longest.
    let slotWidth = (right - 40 - 10 * 4) / Double(max(values.count, 1))
    let slanted = labels.contains { SVGText.estimatedWidth($0) > slotWidth - 6 }
    let labelDepth = slanted ? 0.71 * (labels.map { SVGText.estimatedWidth($0) }.max() ?? 0) + 12 : 0
    let height = bottom + 40 + labelDepth
    let finite = values.filter(\.isFinite)
    var low = min(0, finite.min() ?? 0)
    var high = max(0, finite.max() ?? 1)
    if high == low { high = low + 1 }
    let pad = (high - low) * 0.08
    (low, high) = (low < 0 ? low - pad : low, high + pad)
    func py(_ y: Double) -> Double { bottom - (y - low) / (high - low) * (bottom - top) }
    let description =
      "Bar chart, \(yLabel.isEmpty ? "values" : yLabel): "
      + zip(labels, values).map { "\($0) \(fmt($1, digits))" }.joined(separator: ", ") + "."
    var svg = SVGText.open(
      width: Int(width), height: Int(height), title: title, description: description, kind: "bar-chart")
    svg += SVGText.title(title)
    let ticks = SVGText.ticks(low, high, count: 5)
    // Room at the left for the widest tick label, and the axis label beside it.
    var left = 40 + 10 * Double(ticks.map { SVGText.label($0).count }.max() ?? 3)
    if slanted {
      // A slanted label runs down and to the left from its bar: the first ones may need
      // more room at the left than the tick labels do, with 14 units to spare, as fonts
      // differ from the estimate. Twice, as the room narrows the slots.
      for _ in 0..<2 {
        let slot = (right - left) / Double(max(values.count, 1))
        for (i, label) in labels.enumerated() {
          let reach: Double = 0.71 * SVGText.estimatedWidth(label)
          left = max(left, reach - (Double(i) + 0.5) * slot + 8)
        }
      }
    }
    svg += "<g stroke=\"currentColor\" stroke-opacity=\"0.15\">\n"
    for t in ticks { svg += SVGText.line(left, py(t), right, py(t)) }
    svg += "</g>\n<g fill=\"currentColor\">\n"
    for t in ticks { svg += SVGText.text(left - 6, py(t) + 6, SVGText.label(t), anchor: "end") }
    svg += SVGText.text(
      18, (top + bottom) / 2, yLabel, anchor: "middle",
      extra: " transform=\"rotate(-90 18 \(SVGText.coordinate((top + bottom) / 2)))\"")
    let slot = (right - left) / Double(max(values.count, 1))
    for (i, value) in values.enumerated() {
      let x = left + Double(i) * slot
      let label = i < labels.count ? labels[i] : ""
      if slanted {
        let (lx, ly) = (SVGText.coordinate(x + slot / 2 + 6), SVGText.coordinate(bottom + 18))
        svg += SVGText.text(
          x + slot / 2 + 6, bottom + 18, label, anchor: "end", extra: " transform=\"rotate(-45 \(lx) \(ly))\"")
      } else {
        svg += SVGText.text(x + slot / 2, bottom + 24, label, anchor: "middle")
      }
      guard value.isFinite else {
        svg += SVGText.text(x + slot / 2, py(0) - 6, fmt(value, digits), anchor: "middle")
        continue
      }
      let y0 = py(max(value, 0))
      let y1 = py(min(value, 0))
      let colour = SVGText.palette[i % SVGText.palette.count]
      svg += "<rect x=\"\(SVGText.coordinate(x + slot * 0.15))\" y=\"\(SVGText.coordinate(y0))\" "
      svg += "width=\"\(SVGText.coordinate(slot * 0.7))\" height=\"\(SVGText.coordinate(max(y1 - y0, 0.5)))\" "
      svg += "fill=\"\(colour)\"/>\n"
      let labelY = value >= 0 ? y0 - 6 : y1 + 20
      svg += SVGText.text(x + slot / 2, labelY, fmt(value, digits), anchor: "middle")
    }
    svg += "</g>\n"
    svg += SVGText.line(left, py(0), right, py(0)).replacingOccurrences(of: "/>", with: " stroke=\"currentColor\"/>")
    return svg + "</svg>"
  }
}
