import Foundation

/// A named list of points for a ``LineChart``.
public struct Series: Sendable {
  /// The name shown in the legend.
  public var name: String
  /// The x values; by default 0, 1, 2, …
  public var x: [Double]
  /// The y values.
  public var y: [Double]

  /// A series named `name` with the values `y` at `x` (0, 1, 2, … when `x` is `nil`).
  public init(_ name: String, _ y: [Double], x: [Double]? = nil) {
    self.name = name
    self.y = y
    self.x = x ?? y.indices.map(Double.init)
  }
}

/// A line chart: several series, labelled axes, a legend, and an optional logarithmic
/// y axis.
///
/// Points that cannot be drawn (not finite, or not positive on a log axis) leave a gap
/// in their line, and the chart's description says how many were left out.
public struct LineChart: Displayable, Sendable {
  /// The chart's title, also read by screen readers.
  public var title: String
  /// The x axis label.
  public var xLabel: String
  /// The y axis label.
  public var yLabel: String
  /// Whether the y axis is logarithmic (base 10).
  public var logScale: Bool
  /// The lines.
  public var series: [Series]

  /// A chart of `series`.
  public init(title: String, x xLabel: String, y yLabel: String, logScale: Bool = false, series: [Series] = []) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logScale = logScale
    self.series = series
  }

  /// Adds a line named `name` through `y` (at `x`, or at 0, 1, 2, …).
  public mutating func add(_ name: String, _ y: [Double], x: [Double]? = nil) {
    series.append(Series(name, y, x: x))
  }

  /// One line of text standing for the picture: its kind and title.
  public var summary: String { "[line chart: \(title)]" }

  private func drawable(_ y: Double) -> Bool { y.isFinite && (!logScale || y > 0) }

  /// The chart as an inline SVG.
  public var html: String {
    let width = SVGText.width
    let plotRight = width - 16
    let plotTop = 40.0 + SVGText.titleDrop(title)
    let plotBottom = 320.0 + SVGText.titleDrop(title)
    // Two legend entries a row when every name fits its half of the width, else one.
    let legendColumns = series.allSatisfy { SVGText.estimatedWidth($0.name) <= 250 - 44 - 12 } ? 2 : 1
    let legendRows = (series.count + legendColumns - 1) / legendColumns
    let height = plotBottom + 72 + Double(legendRows) * 26

    let points = series.flatMap { s in zip(s.x, s.y).filter { $0.0.isFinite && drawable($0.1) } }
    let xs = points.map(\.0)
    let ys = points.map { logScale ? log10($0.1) : $0.1 }
    var xLow = xs.min() ?? 0
    var xHigh = xs.max() ?? 1
    var yLow = ys.min() ?? 0
    var yHigh = ys.max() ?? 1
    if xHigh == xLow { (xLow, xHigh) = (xLow - 1, xHigh + 1) }
    if yHigh == yLow { (yLow, yHigh) = (yLow - 1, yHigh + 1) }
    if !logScale {
      let pad = (yHigh - yLow) * 0.05
      (yLow, yHigh) = (yLow - pad, yHigh + pad)
    }
    let yTicks: [(position: Double, label: String)]
    if logScale {
      let lowPower = Int(yLow.rounded(.up))
      let highPower = Int(yHigh.rounded(.down))
      let step = max(1, (highPower - lowPower + 1) / 6)
      var ticks = stride(from: lowPower, through: highPower, by: step).map { (Double($0), "1e\($0)") }
      if yHigh - yLow < 2 {
        ticks = SVGText.logTicks(yLow, yHigh).map { (log10($0), SVGText.label($0)) }
      }
      if ticks.count < 2 {
        ticks = SVGText.ticks(pow(10, yLow), pow(10, yHigh), count: 4).filter { $0 > 0 }.map {
          (log10($0), SVGText.label($0))
        }
      }
      yTicks = ticks.map { (position: $0.0, label: $0.1) }
    } else {
      yTicks = SVGText.ticks(yLow, yHigh, count: 5).map { (position: $0, label: SVGText.label($0)) }
    }
    // Room at the left for the widest y tick label, and the axis label beside it.
    let plotLeft = 40 + 10 * Double(yTicks.map(\.label.count).max() ?? 3)
    func px(_ x: Double) -> Double { plotLeft + (x - xLow) / (xHigh - xLow) * (plotRight - plotLeft) }
    func py(_ y: Double) -> Double { plotBottom - (y - yLow) / (yHigh - yLow) * (plotBottom - plotTop) }

    var svg = SVGText.open(
      width: Int(width), height: Int(height), title: title, description: description, kind: "line-chart")
    svg += SVGText.title(title)
    // Grid and tick labels.
    let xTicks = SVGText.ticks(xLow, xHigh, count: 5)
    svg += "<g stroke=\"currentColor\" stroke-opacity=\"0.15\">\n"
    for t in xTicks { svg += SVGText.line(px(t), plotTop, px(t), plotBottom) }
    for t in yTicks { svg += SVGText.line(plotLeft, py(t.position), plotRight, py(t.position)) }
    svg += "</g>\n<g fill=\"currentColor\">\n"
    for t in xTicks {
      let label = SVGText.label(t)
      svg += SVGText.text(SVGText.centreInside(px(t), label), plotBottom + 22, label, anchor: "middle")
    }
    for t in yTicks { svg += SVGText.text(plotLeft - 6, py(t.position) + 6, t.label, anchor: "end") }
    svg += SVGText.text((plotLeft + plotRight) / 2, plotBottom + 46, xLabel, anchor: "middle")
    svg += SVGText.text(
      18, (plotTop + plotBottom) / 2, yLabel + (logScale ? " (log scale)" : ""), anchor: "middle",
      extra: " transform=\"rotate(-90 18 \(SVGText.coordinate((plotTop + plotBottom) / 2)))\"")
    svg += "</g>\n"
    svg += "<rect x=\"\(SVGText.coordinate(plotLeft))\" y=\"\(SVGText.coordinate(plotTop))\" "
    svg +=
      "width=\"\(SVGText.coordinate(plotRight - plotLeft))\" height=\"\(SVGText.coordinate(plotBottom - plotTop))\" "
    svg += "fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.5\"/>\n"
    // Lines.
    for (index, s) in series.enumerated() {
      let colour = SVGText.palette[index % SVGText.palette.count]
      let kept = Self.thinned(Array(zip(s.x, s.y)))
      var path = ""
      var drawing = false
      for (x, y) in kept {
        guard x.isFinite, drawable(y) else {
          drawing = false
          continue
        }
        let yy = logScale ? log10(y) : y
        path +=
          (drawing ? " L" : (path.isEmpty ? "M" : " M")) + SVGText.coordinate(px(x)) + " "
          + SVGText.coordinate(py(yy))
        drawing = true
      }
      let dash = SVGText.dash(index)
      svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>\n"
      if kept.count <= 30 {
        for (x, y) in kept where x.isFinite && drawable(y) {
          svg +=
            "<circle cx=\"\(SVGText.coordinate(px(x)))\" cy=\"\(SVGText.coordinate(py(logScale ? log10(y) : y)))\" "
          svg += "r=\"3\" fill=\"\(colour)\"/>\n"
        }
      }
      // Legend entry.
      let lx = 24 + Double(index % legendColumns) * 250
      let ly = plotBottom + 82 + Double(index / legendColumns) * 26
      svg += "<line x1=\"\(lx)\" y1=\"\(ly - 6)\" x2=\"\(lx + 36)\" y2=\"\(ly - 6)\" stroke=\"\(colour)\" "
      svg += "stroke-width=\"3\"\(dash)/>\n"
      svg += SVGText.text(lx + 44, ly, s.name, anchor: "start")
    }
    return svg + "</svg>"
  }

  /// What a screen reader says: each series with its range and first and last points.
  private var description: String {
    var parts = ["Line chart, x: \(xLabel), y: \(yLabel)\(logScale ? " on a log scale" : "")."]
    for s in series {
      let pairs = zip(s.x, s.y).filter { $0.0.isFinite && drawable($0.1) }
      let dropped = s.y.count - pairs.count
      guard let first = pairs.first, let last = pairs.last else {
        parts.append("\(s.name): no points that can be drawn.")
        continue
      }
      var entry = "\(s.name): \(pairs.count) points, from \(SVGText.label(first.1)) at \(SVGText.label(first.0))"
      entry += " to \(SVGText.label(last.1)) at \(SVGText.label(last.0))"
      if dropped > 0 { entry += "; \(dropped) not drawn (not finite\(logScale ? " or not positive" : ""))" }
      parts.append(entry + ".")
    }
    return parts.joined(separator: " ")
  }

  /// At most about 1,000 points: long series keep each bucket's lowest and highest
  /// point, so spikes stay visible.
  static func thinned(_ points: [(Double, Double)]) -> [(Double, Double)] {
    let buckets = 500
    guard points.count > 2 * buckets else { return points }
    var kept: [(Double, Double)] = []
    for b in 0..<buckets {
      let slice = points[(b * points.count / buckets)..<((b + 1) * points.count / buckets)]
      let finite = slice.enumerated().filter { $0.element.1.isFinite }
      guard let low = finite.min(by: { $0.element.1 < $1.element.1 }),
        let high = finite.max(by: { $0.element.1 < $1.element.1 })
      else {
        kept.append(slice.first!)
        continue
      }
      for item in [low, high].sorted(by: { $0.offset < $1.offset }) { kept.append(item.element) }
    }
    return kept
  }
}
