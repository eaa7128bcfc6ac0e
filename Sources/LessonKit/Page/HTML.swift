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
