/// The paper a handout is printed on.
public enum Paper: String, CaseIterable, Sendable {
  /// ISO A4, 210 × 297 mm: the default.
  case a4
  /// US Letter, 8.5 × 11 in.
  case letter

  /// The paper's name in CSS's `@page { size: … }`.
  var cssSize: String { self == .a4 ? "A4" : "letter" }
}

extension Stylesheet {
  /// The stylesheet of a printed handout of the lesson titled `title`: the site's, with
  /// the paper's size, the lesson's title at the top of every page and the page number
  /// at the bottom.
  public static func handout(paper: Paper, title: String) -> String {
    var quoted = ""
    for c in title.unicodeScalars {
      switch c {
      case "\\", "\"": quoted += "\\" + String(c)
      case "\n", "\r": quoted += " "
      default: quoted.unicodeScalars.append(c)
      }
    }
    return css + """
      @page { size: \(paper.cssSize);
        @top-right { content: "\(quoted)"; font: 8pt system-ui, "Noto Sans CJK SC", sans-serif;
          color: #555; }
        @bottom-center { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }

      """
  }
}
