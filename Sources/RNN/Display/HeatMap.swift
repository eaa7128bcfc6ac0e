import Foundation

/// A heat map: a grid of numbers shown as colours, for example each hidden unit's value
/// (a row) at each time step (a column), or an image's pixels.
///
/// Values of both signs use a diverging scale, blue for negative and red for positive,
/// with white at zero and the ends at the largest magnitude; values of one sign use a
/// single-hue scale from white. The cells carry the class `cells`, which the site's
/// stylesheet inverts on a dark page (keeping each hue), so zero is dark there rather
/// than a glaring white.
public struct HeatMap: Displayable, Sendable {
  /// The title, also read by screen readers.
  public var title: String
  /// The values, one array per row.
  public var values: [[Double]]
  /// What the rows are (for example "hidden unit").
  public var rowLabel: String
  /// What the columns are (for example "time step").
  public var columnLabel: String
  /// A name for each row (default: its number).
  public var rowNames: [String]?
  /// A name for each column (default: its number).
  public var columnNames: [String]?

  /// A heat map of `values` (rows of equal length), with optional names for the rows
  /// and columns.
  public init(
    title: String, values: [[Double]], rows rowLabel: String = "", columns columnLabel: String = "",
    rowNames: [String]? = nil, columnNames: [String]? = nil
  ) {
    self.title = title
    self.values = values
    self.rowLabel = rowLabel
    self.columnLabel = columnLabel
    self.rowNames = rowNames
    self.columnNames = columnNames
  }

  /// A heat map of a matrix, row by row.
  public init(title: String, matrix: Matrix, rows rowLabel: String = "", columns columnLabel: String = "") {
    self.init(
      title: title, values: (0..<matrix.rows).map { matrix.row($0).elements }, rows: rowLabel, columns: columnLabel)
  }

  /// One line of text standing for the picture.
  public var summary: String { "[heat map: \(title)]" }

  /// The smallest and largest finite values, the ends of the colour scale.
  private var range: (low: Double, high: Double) {
    let finite = values.joined().filter(\.isFinite)
    return (finite.min() ?? 0, finite.max() ?? 0)
  }

  /// The colour of `value` on the scale from `low` to `high`, as `#rrggbb`.
  static func colour(_ value: Double, low: Double, high: Double) -> String {
    guard value.isFinite else { return "#888888" }
    func mix(_ t: Double, _ to: (Double, Double, Double)) -> String {
      let c = [255 + (to.0 - 255) * t, 255 + (to.1 - 255) * t, 255 + (to.2 - 255) * t]
      return "#" + c.map { String(format: "%02x", Int($0.rounded())) }.joined()
    }
    if low < 0 && high > 0 {
      let scale = max(-low, high)
      return value < 0 ? mix(-value / scale, (33, 102, 172)) : mix(value / scale, (178, 24, 43))
    }
    let scale = max(abs(low), abs(high))
    return scale == 0 ? mix(0, (8, 48, 107)) : mix(abs(value) / scale, (8, 48, 107))
  }

  /// The map as an inline SVG, with a colour key beneath.
  public var html: String {
    let rows = values.count
    let columns = values.map(\.count).max() ?? 0
    let nameWidth = Double((rowNames ?? []).map(\.count).max() ?? 0) * 10
    let cell = max(2.0, min(40.0, (420.0 - nameWidth) / Double(max(columns, 1)), 360.0 / Double(max(rows, 1))))
    let gridWidth = cell * Double(columns)
    let gridHeight = cell * Double(rows)
    // Always as wide as the other charts, so every display scales the same on a page.
    let width = SVGText.width
    let left = max(64.0 + nameWidth, (width - gridWidth) / 2)
    let top = 40.0 + SVGText.titleDrop(title)
    // The row label, turned upright, is centred on the rows, or starts at their top when
    // it is longer than they are tall (and the chart grows to hold it).
    let rowLabelHalf = SVGText.estimatedWidth(rowLabel) / 2
    let rowLabelY = max(top + gridHeight / 2, top + rowLabelHalf)
    let height = max(top + gridHeight + 100, rowLabelY + rowLabelHalf + 8)
    let (low, high) = range
    let description =
      "Heat map, \(rows) rows (\(rowLabel.isEmpty ? "rows" : rowLabel)) by \(columns) columns "
      + "(\(columnLabel.isEmpty ? "columns" : columnLabel)); values from \(SVGText.label(low)) to "
      + "\(SVGText.label(high))."
    var svg = SVGText.open(
      width: Int(width.rounded(.up)), height: Int(height.rounded(.up)), title: title, description: description,
      kind: "heat-map")
    svg += SVGText.title(title)
    svg += "<g class=\"cells\" shape-rendering=\"crispEdges\">\n"
    for (r, row) in values.enumerated() {
      for (c, value) in row.enumerated() {
        svg +=
          "<rect x=\"\(SVGText.coordinate(left + Double(c) * cell))\" y=\"\(SVGText.coordinate(top + Double(r) * cell))\" "
        svg +=
          "width=\"\(SVGText.coordinate(cell))\" height=\"\(SVGText.coordinate(cell))\" fill=\"\(Self.colour(value, low: low, high: high))\"/>\n"
      }
    }
    svg += "</g>\n<g fill=\"currentColor\">\n"
    let labelEvery = max(1, Int((24 / cell).rounded(.up)))
    for r in stride(from: 0, to: rows, by: labelEvery) {
      let name = rowNames.map { r < $0.count ? $0[r] : "" } ?? "\(r)"
      svg += SVGText.text(left - 4, top + (Double(r) + 0.5) * cell + 6, name, anchor: "end")
    }
    let columnNameWidth = Double((columnNames ?? []).map(\.count).max() ?? 2) * 10 + 8
    for c in stride(from: 0, to: columns, by: max(labelEvery, Int((max(32, columnNameWidth) / cell).rounded(.up)))) {
      let name = columnNames.map { c < $0.count ? $0[c] : "" } ?? "\(c)"
      svg += SVGText.text(left + (Double(c) + 0.5) * cell, top + gridHeight + 20, name, anchor: "middle")
    }
    svg += SVGText.text(left + gridWidth / 2, top + gridHeight + 44, columnLabel, anchor: "middle")
    let rowLabelX = left - 20 - max(nameWidth, 20)
    svg += SVGText.text(
      rowLabelX, rowLabelY, rowLabel, anchor: "middle",
      extra: " transform=\"rotate(-90 \(SVGText.coordinate(rowLabelX)) \(SVGText.coordinate(rowLabelY)))\"")
    // Colour key: eleven swatches from the lowest to the highest value.
    let keyTop = top + gridHeight + 60
    let keyLeft = width / 2 - 88
    svg += "<g class=\"cells\">\n"
    for k in 0...10 {
      let value = low + (high - low) * Double(k) / 10
      svg += "<rect x=\"\(SVGText.coordinate(keyLeft + Double(k) * 16))\" y=\"\(SVGText.coordinate(keyTop))\" "
      svg += "width=\"16\" height=\"16\" fill=\"\(Self.colour(value, low: low, high: high))\"/>\n"
    }
    svg += "</g>\n"
    svg += SVGText.text(keyLeft - 6, keyTop + 14, SVGText.label(low), anchor: "end")
    svg += SVGText.text(keyLeft + 11 * 16 + 6, keyTop + 14, SVGText.label(high), anchor: "start")
    return svg + "</g>\n</svg>"
  }
}
