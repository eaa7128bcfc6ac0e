import CCmarkGFM
import Foundation

/// Parses Markdown with cmark-gfm (tables, strikethrough, autolinks, task lists) and
/// converts the tree into ``MarkdownBlock`` values. The only file that calls C.
///
/// cmark renders in its safe mode (the default, without `CMARK_OPT_UNSAFE`): raw HTML in
/// a lesson becomes `<!-- raw HTML omitted -->` and links to `javascript:`, `vbscript:`,
/// `file:` and most `data:` URLs lose their address, so lesson text never becomes markup.
public enum CMarkConverter {
  /// The top-level blocks of `text`, in order, each with its lines and HTML.
  public static func blocks(of text: String) -> [MarkdownBlock] {
    cmark_gfm_core_extensions_ensure_registered()
    let options = CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS
    guard let parser = cmark_parser_new(options) else { return [] }
    defer { cmark_parser_free(parser) }
    for name in ["table", "strikethrough", "autolink", "tasklist"] {
      if let extensionHandle = cmark_find_syntax_extension(name) {
        cmark_parser_attach_syntax_extension(parser, extensionHandle)
      }
    }
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
        cmark_parser_feed(parser, $0, buffer.count)
      }
    }
    guard let document = cmark_parser_finish(parser) else { return [] }
    defer { cmark_node_free(document) }
    unwrapNestedLinks(in: document)
    let extensions = cmark_parser_get_syntax_extensions(parser)

    var blocks: [MarkdownBlock] = []
    var node = cmark_node_first_child(document)
    while let current = node {
      blocks.append(convert(current, options: options, extensions: extensions))
      node = cmark_node_next(current)
    }
    return blocks
  }

  private static func convert(
    _ node: OpaquePointer, options: Int32, extensions: UnsafeMutablePointer<cmark_llist>?
  ) -> MarkdownBlock {
    let start = Int(cmark_node_get_start_line(node))
    let end = Int(cmark_node_get_end_line(node))
    let kind: MarkdownBlock.Kind
    switch cmark_node_get_type(node) {
    case CMARK_NODE_HEADING:
      kind = .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(node))
    case CMARK_NODE_CODE_BLOCK:
      var (length, offset) = (Int32(0), Int32(0))
      var character = CChar(0)
      let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
      kind = .code(
        info: string(cmark_node_get_fence_info(node)),
        literal: string(cmark_node_get_literal(node)),
        fenced: fenced)
    case CMARK_NODE_HTML_BLOCK:
      kind = .html(literal: string(cmark_node_get_literal(node)))
    default:
      kind = .other
    }
    let rendered = cmark_render_html(node, options & ~CMARK_OPT_SOURCEPOS, extensions)
    defer { free(rendered) }
    return MarkdownBlock(
      kind: kind, startLine: start, endLine: end, html: string(rendered), nestedHTML: nestedHTML(in: node))
  }

  /// The raw HTML nodes below `node`, with their lines (an inline node's is its
  /// paragraph's, when cmark does not know its own).
  private static func nestedHTML(in node: OpaquePointer) -> [(line: Int, literal: String)] {
    var literals: [(line: Int, literal: String)] = []
    let iterator = cmark_iter_new(node)
    defer { cmark_iter_free(iterator) }
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
      guard let current = cmark_iter_get_node(iterator), current != node else { continue }
      let type = cmark_node_get_type(current)
      if type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK {
        var line = Int(cmark_node_get_start_line(current))
        var ancestor = cmark_node_parent(current)
        while line == 0, let block = ancestor {
          line = Int(cmark_node_get_start_line(block))
          ancestor = cmark_node_parent(block)
        }
        literals.append((line, string(cmark_node_get_literal(current))))
      }
    }
    return literals
  }

  /// Replaces each link inside a link by its contents. CommonMark lets an autolink
  /// (`<a@b.c>`, `<https://…>`) sit in a link's text, and cmark writes it as an `<a>`
  /// inside an `<a>`, which HTML does not allow (browsers split the outer link).
  private static func unwrapNestedLinks(in document: OpaquePointer) {
    var nested: [OpaquePointer] = []
    let iterator = cmark_iter_new(document)
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
        cmark_node_get_type(node) == CMARK_NODE_LINK
      else { continue }
      var ancestor = cmark_node_parent(node)
      while let current = ancestor, cmark_node_get_type(current) != CMARK_NODE_LINK {
        ancestor = cmark_node_parent(current)
      }
      if ancestor != nil { nested.append(node) }
    }
    cmark_iter_free(iterator)
    // Outer ones first: unwrapping one moves the links inside it up, still nested.
    for link in nested {
      while let child = cmark_node_first_child(link) { cmark_node_insert_before(link, child) }
      cmark_node_free(link)
    }
  }

  /// The text of a node's inline children, without markup.
  private static func plainText(_ node: OpaquePointer) -> String {
    var text = ""
    let iterator = cmark_iter_new(node)
    defer { cmark_iter_free(iterator) }
    while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
      let current = cmark_iter_get_node(iterator)
      switch cmark_node_get_type(current) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(current))
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
      default: break
      }
    }
    return text
  }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) } ?? ""
  }

  private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    string(UnsafePointer(pointer))
  }
}
