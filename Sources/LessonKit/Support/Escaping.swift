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
