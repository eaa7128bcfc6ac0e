import Foundation
import LessonKit

/// Checks that a page (of lessons that ran nothing) is well-formed and that no lesson
/// text reached it as markup.
///
/// What it accepts is exactly what the renderer, cmark-gfm in its safe mode and the
/// MathML converter produce: a `<!DOCTYPE html>` first; then text, comments that say
/// `raw HTML omitted` (what cmark leaves of a lesson's raw HTML) and tags. Every element
/// and attribute is from a fixed list (no `script`, `style`, `iframe`, no `on…` or
/// `style` attributes), every attribute value is double-quoted and holds no `<` or `"`,
/// every `&` starts a character reference, every element is closed in order (but void
/// ones), no two ids are the same, no link holds a link, no `<math>` sits in code, no URL is `javascript:` or
/// the like, and no character is a control character (but tab and line feed) or a
/// noncharacter. Lesson text that reached the page as markup breaks one of these (the
/// fuzzer's raw HTML always carries an attribute or element that is on no list).
enum PageChecker {
  static let elements: Set<String> = [
    "html", "head", "body", "meta", "title", "link", "nav", "main", "a", "span", "div", "p", "h1", "h2", "h3", "h4",
    "h5", "h6", "ol", "ul", "li", "pre", "code", "em", "strong", "del", "blockquote", "hr", "br", "img", "table",
    "thead", "tbody", "tr", "th", "td", "input", "details", "summary", "figure",
    "math", "mrow", "mi", "mo", "mn", "msub", "msup", "msubsup", "munder", "mover", "munderover", "mfrac", "msqrt",
    "mroot", "mtext", "mspace", "mtable", "mtr", "mtd",
  ]
  static let voidElements: Set<String> = ["meta", "link", "br", "hr", "img", "input"]
  static let attributes: Set<String> = [
    "href", "src", "alt", "title", "class", "id", "rel", "lang", "charset", "name", "content", "aria-label", "role",
    "type", "disabled", "checked", "open", "start", "align", "xmlns", "display", "alttext", "mathvariant", "stretchy",
    "fence", "largeop", "movablelimits", "accent", "width", "minsize", "maxsize", "columnalign", "columnspacing",
    "displaystyle", "form", "rspace", "hreflang",
  ]
  /// Attributes the renderer writes without a value.
  static let bareAttributes: Set<String> = ["open"]
  static let omittedHTML = "<!-- raw HTML omitted -->"

  /// What is wrong with `page`, as readable sentences; empty when nothing is.
  static func problems(in page: String) -> [String] {
    var problems: [String] = []
    if let bad = page.unicodeScalars.first(where: isControlOrNoncharacter) {
      problems.append("the page holds U+\(String(bad.value, radix: 16, uppercase: true))")
    }
    let s = Array(page.unicodeScalars)
    var i = 0
    var stack: [String] = []
    var ids: Set<String> = []
    func context(_ at: Int) -> String {
      let start = max(0, at - 40)
      var text = String.UnicodeScalarView()
      text.append(contentsOf: s[start..<min(s.count, at + 40)])
      return String(text).debugDescription
    }
    let doctype = Array("<!DOCTYPE html>".unicodeScalars)
    if s.starts(with: doctype) { i = doctype.count } else { problems.append("no <!DOCTYPE html> first") }
    let omitted = Array(omittedHTML.unicodeScalars)
    while i < s.count, problems.count < 10 {
      let c = s[i]
      if c == "<" {
        if s[i...].starts(with: omitted) {
          i += omitted.count
          continue
        }
        guard let (tag, end) = parseTag(s, at: i, ids: &ids, problems: &problems, context: context) else {
          problems.append("a raw < in text at \(context(i))")
          i += 1
          continue
        }
        i = end
        if tag.closing {
          if stack.last == tag.name {
            stack.removeLast()
          } else {
            problems.append("</\(tag.name)> closes <\(stack.last ?? "nothing")> at \(context(i))")
          }
        } else if !voidElements.contains(tag.name) && !tag.selfClosing {
          if tag.name == "a" && stack.contains("a") { problems.append("a link inside a link at \(context(i))") }
          if tag.name == "math" && (stack.contains("code") || stack.contains("pre")) {
            problems.append("math inside code at \(context(i))")
          }
          stack.append(tag.name)
        }
      } else if c == ">" {
        problems.append("a raw > in text at \(context(i))")
        i += 1
      } else if c == "&" {
        guard let end = reference(s, at: i) else {
          problems.append("a bare & in text at \(context(i))")
          i += 1
          continue
        }
        i = end
      } else {
        i += 1
      }
    }
    if !stack.isEmpty { problems.append("unclosed: \(stack.joined(separator: " "))") }
    return problems
  }

  struct Tag {
    var name = ""
    var closing = false
    var selfClosing = false
  }

  /// The tag at `i` and where it ends, or `nil` when `<` starts no tag.
  private static func parseTag(
    _ s: [Unicode.Scalar], at start: Int, ids: inout Set<String>, problems: inout [String],
    context: (Int) -> String
  ) -> (Tag, Int)? {
    var i = start + 1
    var tag = Tag()
    if i < s.count, s[i] == "/" {
      tag.closing = true
      i += 1
    }
    let nameStart = i
    while i < s.count, s[i].isASCII, s[i].properties.isLowercase || ("0"..."9").contains(s[i]) { i += 1 }
    guard i > nameStart else { return nil }
    tag.name = String(String.UnicodeScalarView(s[nameStart..<i]))
    if !elements.contains(tag.name) { problems.append("element <\(tag.name)> at \(context(start))") }
    while i < s.count {
      while i < s.count, s[i] == " " { i += 1 }
      guard i < s.count else { break }
      if s[i] == ">" { return (tag, i + 1) }
      if s[i] == "/", i + 1 < s.count, s[i + 1] == ">" {
        tag.selfClosing = true
        return (tag, i + 2)
      }
      let attributeStart = i
      while i < s.count, s[i].isASCII, s[i].properties.isLowercase || s[i] == "-" { i += 1 }
      guard i > attributeStart, !tag.closing else {
        problems.append("a malformed tag at \(context(start))")
        return (tag, i + 1)
      }
      let name = String(String.UnicodeScalarView(s[attributeStart..<i]))
      if !attributes.contains(name) { problems.append("attribute \(name) at \(context(start))") }
      guard i < s.count, s[i] == "=" else {
        if !bareAttributes.contains(name) { problems.append("attribute \(name) without a value at \(context(start))") }
        continue
      }
      guard i + 1 < s.count, s[i + 1] == "\"" else {
        problems.append("an unquoted attribute at \(context(start))")
        return (tag, i + 1)
      }
      i += 2
      let valueStart = i
      while i < s.count, s[i] != "\"" {
        if s[i] == "<" || s[i] == ">" { problems.append("a raw \(s[i]) in an attribute at \(context(start))") }
        if s[i] == "&" {
          guard let end = reference(s, at: i) else {
            problems.append("a bare & in an attribute at \(context(start))")
            i += 1
            continue
          }
          i = end
          continue
        }
        i += 1
      }
      let value = String(String.UnicodeScalarView(s[valueStart..<min(i, s.count)]))
      if name == "href" || name == "src" { checkURL(value, tag: tag.name, problems: &problems) }
      if name == "id" && !ids.insert(value).inserted { problems.append("a second id=\"\(value)\"") }
      i += 1
    }
    problems.append("a tag never ends at \(context(start))")
    return (tag, s.count)
  }

  /// Control characters but tab and line feed, and noncharacters (written out here
  /// rather than taken from LessonKit, which is what is being checked).
  static func isControlOrNoncharacter(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v)
      || v & 0xFFFE == 0xFFFE
  }

  /// Where the character reference at `i` ends, or `nil` if `&` starts none.
  private static func reference(_ s: [Unicode.Scalar], at start: Int) -> Int? {
    var i = start + 1
    if i < s.count, s[i] == "#" {
      i += 1
      let hex = i < s.count && (s[i] == "x" || s[i] == "X")
      if hex { i += 1 }
      let digitsStart = i
      while i < s.count, s[i].properties.isASCIIHexDigit, hex || ("0"..."9").contains(s[i]) { i += 1 }
      return i > digitsStart && i < s.count && s[i] == ";" ? i + 1 : nil
    }
    let nameStart = i
    while i < s.count, s[i].isASCII, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) { i += 1 }
    return i > nameStart && i < s.count && s[i] == ";" ? i + 1 : nil
  }

  /// A link's address must not run script or embed a document.
  private static func checkURL(_ value: String, tag: String, problems: inout [String]) {
    let plain = value.replacingEntities().lowercased().unicodeScalars.filter { $0.value > 0x20 }
    let scheme = String(String.UnicodeScalarView(plain.prefix(while: { $0 != ":" })))
    if ["javascript", "vbscript", "file"].contains(scheme)
      || (scheme == "data" && !(tag == "link" && value == "data:,"))
    {
      problems.append("a \(scheme): URL in <\(tag)>: \(value.debugDescription)")
    }
  }
}

extension String {
  /// The text with the references cmark and the renderer write decoded (enough to see
  /// a URL's scheme).
  fileprivate func replacingEntities() -> String {
    var result = self
    for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
      result = result.replacingOccurrences(of: entity, with: character)
    }
    return result
  }
}
