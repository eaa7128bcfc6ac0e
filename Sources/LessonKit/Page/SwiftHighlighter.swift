import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Swift code as HTML with `<span class="…">` around keywords, types, literals and
/// comments, from SwiftSyntax's own classification of the parsed code, so the colours
/// are right on every construct and nothing runs in the reader's browser.
public enum SwiftHighlighter {
  /// The CSS class of each kind of token; `nil` for plain text.
  static func cssClass(_ kind: SyntaxClassification, text: Substring) -> String? {
    switch kind {
    case .keyword: "kw"
    case .type: "ty"
    case .integerLiteral, .floatLiteral: "num"
    case .stringLiteral, .regexLiteral: "str"
    case .lineComment, .blockComment, .docLineComment, .docBlockComment: "com"
    case .attribute, .ifConfigDirective: "attr"
    case .identifier, .dollarIdentifier:
      // The parser cannot tell a type used as a value (`Matrix.zeros`) from a variable;
      // Swift's naming convention can.
      text.first?.isUppercase == true ? "ty" : nil
    default: nil
    }
  }

  /// Where highlighted cells are remembered between runs (SwiftSyntax's parser is
  /// the slowest part of rendering a page in a debug build); `nil` remembers nothing.
  nonisolated(unsafe) public static var memo: DiskMemo?

  /// `code` escaped for HTML and wrapped in highlighting spans.
  public static func html(_ code: String) -> String {
    guard let memo else { return highlight(code) }
    return memo.value(for: code) { highlight(code) }
  }

  private static func highlight(_ code: String) -> String {
    let tree = Parser.parse(source: code)
    let bytes = Array(code.utf8)
    var html = ""
    var position = 0
    for range in tree.classifications {
      let start = min(max(range.offset, position), bytes.count)
      let end = min(range.endOffset, bytes.count)
      guard end > start else { continue }
      if start > position { html += escapeHTML(String(decoding: bytes[position..<start], as: UTF8.self)) }
      let text = String(decoding: bytes[start..<end], as: UTF8.self)
      if let css = cssClass(range.kind, text: Substring(text)) {
        html += "<span class=\"\(css)\">" + escapeHTML(text) + "</span>"
      } else {
        html += escapeHTML(text)
      }
      position = end
    }
    if position < bytes.count { html += escapeHTML(String(decoding: bytes[position...], as: UTF8.self)) }
    return html
  }
}
