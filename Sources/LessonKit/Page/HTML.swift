/// Text made safe to put inside HTML elements and attribute values.
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
    default: result.unicodeScalars.append(c)
    }
  }
  return result
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
