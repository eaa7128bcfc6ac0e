import Foundation

/// Chinese punctuation that must not start a line, kept on the line of the inline
/// formula it follows. Browsers may break a line right after a `<math>` element, even
/// before a full-width comma, which CJK typesetting forbids; wrapping the formula and
/// the mark in one unbreakable span keeps them together.
enum MathPunctuation {
  /// Marks that close a phrase and never begin a line in Chinese text.
  static let closing: Set<Character> = ["，", "。", "：", "；", "、", "）", "！", "？", "”", "》", "」"]

  /// `html` with every inline `<math>…</math>` that is directly followed by a closing
  /// mark wrapped, with the mark, in `<span class="math-punct">`. One pass; displayed
  /// equations are left alone.
  static func keepingTogether(_ html: String) -> String {
    guard html.contains("</math>") else { return html }
    var out = ""
    var rest = html[...]
    while let close = rest.range(of: "</math>") {
      let after = close.upperBound
      guard after < rest.endIndex, closing.contains(rest[after]),
        let open = rest[..<close.lowerBound].range(of: "<math", options: .backwards),
        !rest[open.lowerBound..<close.lowerBound].contains("display=\"block\"")
      else {
        out += rest[..<after]
        rest = rest[after...]
        continue
      }
      let mark = rest.index(after: after)
      out += rest[..<open.lowerBound]
      out += "<span class=\"math-punct\">" + rest[open.lowerBound..<mark] + "</span>"
      rest = rest[mark...]
    }
    return out + rest
  }
}
