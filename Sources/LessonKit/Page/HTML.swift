/// Text made safe to put inside HTML elements and attribute values: markup characters
/// become references, and characters a page must not hold become U+FFFD (see
/// ``isForbiddenInPage(_:)``).
public func escapeHTML(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  for c in text.unicodeScalars {
    switch c {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&#39;"
    default: result.unicodeScalars.append(isForbiddenInPage(c) ? "\u{FFFD}" : c)
    }
  }
  return result
}

/// Whether `c` must not appear in a page: control characters other than tab and line
/// feed (NUL, escape, carriage return, DEL, the C1 controls) and Unicode noncharacters,
/// which HTML parsers report as errors and terminals and editors show badly.
public func isForbiddenInPage(_ c: Unicode.Scalar) -> Bool {
  let v = c.value
  if v < 0x20 { return v != 0x09 && v != 0x0A }
  if (0x7F...0x9F).contains(v) { return true }
  return (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
}

/// `html` with every character ``isForbiddenInPage(_:)`` replaced by U+FFFD: the last
/// step of every page, whatever its parts came from (cmark, MathML, a cell's displays).
func removingForbiddenCharacters(_ html: String) -> String {
  guard html.unicodeScalars.contains(where: isForbiddenInPage) else { return html }
  var result = String.UnicodeScalarView()
  for c in html.unicodeScalars { result.append(isForbiddenInPage(c) ? "\u{FFFD}" : c) }
  return String(result)
}

/// `text` as one segment of a relative URL: bytes other than letters, digits and
/// `-._~` are percent-encoded, so a file name with `"`, `#`, `?` or `%` still links to
/// that file. The result needs no HTML escaping.
func percentEncodedPathSegment(_ text: String) -> String {
  var result = ""
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
      result.unicodeScalars.append(Unicode.Scalar(byte))
    default:
      result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
  }
  return result
}

/// `href="…"` for the page of the lesson with this slug, escaped as a URL and as HTML.
func pageLink(_ slug: String) -> String {
  "href=\"\(percentEncodedPathSegment(slug + ".html"))\""
}

/// `html` without `prefix` if it starts with it, compared by bytes rather than by
/// characters: in `<p>\u{301}x` the combining mark makes `>\u{301}` one character, so
/// `hasPrefix("<p>")` is false and `dropFirst(3)` would drop the mark too.
func droppingPrefix(_ prefix: String, of html: String) -> String {
  guard html.utf8.starts(with: prefix.utf8) else { return html }
  return String(decoding: html.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
}

/// `html` without `suffix` if it ends with it, compared by bytes (see
/// ``droppingPrefix(_:of:)``).
func droppingSuffix(_ suffix: String, of html: String) -> String {
  guard html.utf8.reversed().starts(with: suffix.utf8.reversed()) else { return html }
  return String(decoding: html.utf8.dropLast(suffix.utf8.count), as: UTF8.self)
}

/// An id for a heading: lowercase letters and digits joined by hyphens.
func anchor(_ text: String) -> String {
  var words: [String] = []
  var current = ""
  for c in text.lowercased() {
    if c.isLetter || c.isNumber {
      current.append(c)
    } else if !current.isEmpty {
      words.append(current)
      current = ""
    }
  }
  if !current.isEmpty { words.append(current) }
  return words.isEmpty ? "section" : words.joined(separator: "-")
}
