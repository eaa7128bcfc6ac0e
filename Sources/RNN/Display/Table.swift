/// A table with a caption and a header row, shown as an HTML table under the cell.
public struct Table: Displayable, Sendable {
  /// The caption, read first by screen readers.
  public var caption: String
  /// The column headings.
  public var header: [String]
  /// The rows, each a list of cells already formatted as text.
  public var rows: [[String]]

  /// A table of `rows` under `header`.
  public init(_ caption: String, header: [String], rows: [[String]]) {
    self.caption = caption
    self.header = header
    self.rows = rows
  }

  /// The caption, for plain-text runs.
  public var summary: String { "[table: \(caption)]" }

  /// The table as HTML; cells that read as numbers are right-aligned.
  public var html: String {
    var html = "<table class=\"display-table\">\n<caption>\(SVGText.escape(caption))</caption>\n<thead><tr>"
    html += header.map { "<th scope=\"col\">\(SVGText.escape($0))</th>" }.joined()
    html += "</tr></thead>\n<tbody>\n"
    for row in rows {
      html += "<tr>"
      html += row.map { cell in
        let numeric = Double(cell.trimmingCharacters(in: [" ", "%", "×"])) != nil
        return numeric ? "<td class=\"number\">\(SVGText.escape(cell))</td>" : "<td>\(SVGText.escape(cell))</td>"
      }.joined()
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>"
  }
}
