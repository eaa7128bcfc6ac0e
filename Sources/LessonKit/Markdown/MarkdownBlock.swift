/// One top-level block of a Markdown file, as plain Swift values.
///
/// The C tree of cmark-gfm is converted at once into these (see `CMarkConverter`) and
/// freed; nothing else in LessonKit sees C.
public struct MarkdownBlock: Sendable, Equatable {
  /// What kind of block this is.
  public enum Kind: Sendable, Equatable {
    /// A heading of the given level (1–6), with its plain text.
    case heading(level: Int, text: String)
    /// A fenced or indented code block.
    case code(info: String, literal: String, fenced: Bool)
    /// A block of raw HTML (a comment such as `<!-- unrolled: timeout=120 -->`), with
    /// its text; pages leave raw HTML out.
    case html(literal: String)
    /// Anything else: paragraphs, lists, tables, quotes, rules, HTML.
    case other
  }

  /// The kind, with the data that kind carries.
  public let kind: Kind
  /// The first line of the block in the file, counting from 1.
  public let startLine: Int
  /// The last line of the block in the file.
  public let endLine: Int
  /// The block rendered as HTML by cmark-gfm (unsafe raw HTML left out).
  public let html: String
  /// The raw HTML inside the block, not the block itself (an HTML comment in a
  /// paragraph, an HTML block in a list item), which pages leave out, with the line
  /// each starts on (as near as cmark knows it).
  public var nestedHTML: [(line: Int, literal: String)] = []

  /// Two blocks are equal when their kinds, lines, HTML and nested HTML are.
  public static func == (a: MarkdownBlock, b: MarkdownBlock) -> Bool {
    a.kind == b.kind && a.startLine == b.startLine && a.endLine == b.endLine && a.html == b.html
      && a.nestedHTML.map(\.line) == b.nestedHTML.map(\.line)
      && a.nestedHTML.map(\.literal) == b.nestedHTML.map(\.literal)
  }
}
