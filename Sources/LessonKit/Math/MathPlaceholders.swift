/// The words that stand for math while cmark parses a lesson, and putting the math back
/// into cmark's HTML in one pass.
///
/// A placeholder is the marker, the span's number and `X` (`UNROLLEDMATH12X`); a further
/// line of a span is the marker and `C`. Letters and digits pass through cmark unchanged
/// everywhere, inside a link's URL as well as in text. The marker is chosen so that the
/// lesson cannot hold it, not even written with character references (`&#85;`), so every
/// marker in cmark's output is one of ours and a lesson cannot forge math.
public struct MathPlaceholders: Sendable, Equatable {
  /// The marker: `UNROLLEDMATH`, followed by as many `Q`s as it takes to be absent from
  /// the lesson (none, unless the lesson holds the word).
  public let marker: String
  private let markerBytes: [UInt8]

  /// A marker that `text` does not contain, as written or with numeric character
  /// references decoded.
  public init(avoiding text: String) {
    // "UNROLLEDMATH" and m Qs occurs in a text exactly when some UNROLLEDMATH there is
    // followed by at least m Qs: one more Q than the longest such run is absent.
    let base = "UNROLLEDMATH"
    let runs = [text, Self.decodingNumericReferences(text)].compactMap { Self.longestRunOfQ(after: base, in: $0) }
    marker = base + String(repeating: "Q", count: runs.max().map { $0 + 1 } ?? 0)
    markerBytes = Array(marker.utf8)
  }

  /// The most Qs that follow `base` in `text`, or `nil` if `text` does not hold `base`.
  private static func longestRunOfQ(after base: String, in text: String) -> Int? {
    let bytes = Array(text.utf8)
    let word = Array(base.utf8)
    var longest: Int?
    var i = 0
    while i + word.count <= bytes.count {
      guard bytes[i] == word[0], bytes[i..<(i + word.count)].elementsEqual(word) else {
        i += 1
        continue
      }
      var j = i + word.count
      while j < bytes.count, bytes[j] == UInt8(ascii: "Q") { j += 1 }
      longest = max(longest ?? 0, j - i - word.count)
      i = j
    }
    return longest
  }

  /// The word that stands for span `index`.
  public func placeholder(_ index: Int) -> String { "\(marker)\(index)X" }

  /// The word that stands for a further line of a span (it renders as nothing).
  public var continuation: String { marker + "C" }

  /// Where in cmark's HTML a placeholder was found, which decides what replaces it.
  public enum Context: Sendable, Equatable {
    /// Text of the page: the math becomes MathML.
    case text
    /// Inside `<code>` or `<pre>` (a code block in a list or a quote): the TeX, escaped.
    case code
    /// Inside a tag, in the value of the named attribute (a link's `href` or `title`,
    /// an image's `alt`, a code block's `class`): the TeX, escaped, never markup.
    case attribute(String)
  }

  /// `html` (cmark's output for one block) with every placeholder replaced by
  /// `replacement(index, context)`, which is inserted as it is; continuations are
  /// dropped (with the line break before them when the math is shown as TeX). One pass
  /// over `html`, whatever the number of spans.
  public func restore(html: String, _ replacement: (Int, Context) -> String) -> String {
    restore(html, tracksMarkup: true, replacement)
  }

  /// `text` (plain text: a heading's words, a code block's code) with every placeholder
  /// replaced by the math as written, dollars included, and continuations dropped with
  /// the line break before them, so the text reads as the lesson wrote it.
  public func restorePlain(_ text: String, spans: [MathSpan]) -> String {
    restore(text, tracksMarkup: false) { index, _ in index < spans.count ? spans[index].source : "" }
  }

  private func restore(_ html: String, tracksMarkup: Bool, _ replacement: (Int, Context) -> String) -> String {
    let bytes = Array(html.utf8)
    guard contains(bytes) else { return html }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var inTag = false
    var inQuotes = false
    var attribute = ""
    var codeDepth = 0
    var i = 0
    while i < bytes.count {
      if let (index, end) = match(bytes, at: i) {
        let context: Context =
          !tracksMarkup ? .code : (inTag ? .attribute(attribute) : (codeDepth > 0 ? .code : .text))
        if let index {
          out += Array(replacement(index, context).utf8)
        } else if context != .text, out.last == UInt8(ascii: "\n") {
          out.removeLast()
        }
        i = end
        continue
      }
      let byte = bytes[i]
      if tracksMarkup {  // plain text has no tags
        if inTag {
          if byte == UInt8(ascii: "\"") {
            inQuotes.toggle()
            if inQuotes { attribute = Self.attributeName(before: i, in: bytes) }
          } else if byte == UInt8(ascii: ">") && !inQuotes {
            inTag = false
          }
        } else if byte == UInt8(ascii: "<") {
          inTag = true
          inQuotes = false
          codeDepth = max(0, codeDepth + Self.codeNesting(at: i, in: bytes))
        }
      }
      out.append(byte)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether the bytes hold the marker anywhere.
  private func contains(_ bytes: [UInt8]) -> Bool {
    var i = 0
    while i + markerBytes.count <= bytes.count {
      if matchesMarker(bytes, at: i) { return true }
      i += 1
    }
    return false
  }

  private func matchesMarker(_ bytes: [UInt8], at i: Int) -> Bool {
    guard bytes[i] == markerBytes[0], i + markerBytes.count <= bytes.count else { return false }
    for k in 1..<markerBytes.count where bytes[i + k] != markerBytes[k] { return false }
    return true
  }

  /// A placeholder (its index) or a continuation (`nil`) starting at `i`, and where it
  /// ends. The marker cannot overlap itself, so a marker found here is one of ours.
  private func match(_ bytes: [UInt8], at i: Int) -> (Int?, Int)? {
    guard matchesMarker(bytes, at: i) else { return nil }
    var j = i + markerBytes.count
    if j < bytes.count, bytes[j] == UInt8(ascii: "C") { return (nil, j + 1) }
    var index = 0
    let start = j
    while j < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]), j - start < 9 {
      index = index * 10 + Int(bytes[j] - UInt8(ascii: "0"))
      j += 1
    }
    guard j > start, j < bytes.count, bytes[j] == UInt8(ascii: "X") else { return nil }
    return (index, j + 1)
  }

  /// The name of the attribute whose opening quote is at `quote` (`href` in `href="`).
  private static func attributeName(before quote: Int, in bytes: [UInt8]) -> String {
    var end = quote
    if end > 0, bytes[end - 1] == UInt8(ascii: "=") { end -= 1 }
    var start = end
    while start > 0, bytes[start - 1] != UInt8(ascii: " "), bytes[start - 1] != UInt8(ascii: "<"), end - start < 32 {
      start -= 1
    }
    return String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
  }

  /// +1 for a tag that opens `<code>` or `<pre>`, -1 for one that closes it, else 0.
  private static func codeNesting(at i: Int, in bytes: [UInt8]) -> Int {
    func word(_ text: String, at j: Int) -> Bool {
      let w = Array(text.utf8)
      guard j + w.count < bytes.count, Array(bytes[j..<(j + w.count)]) == w else { return false }
      let after = bytes[j + w.count]
      return after == UInt8(ascii: ">") || after == UInt8(ascii: " ")
    }
    let closing = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/")
    let name = i + (closing ? 2 : 1)
    guard word("code", at: name) || word("pre", at: name) else { return 0 }
    return closing ? -1 : 1
  }

  /// `text` with `&#NN;` and `&#xHH;` references replaced by their characters, as cmark
  /// replaces them (named references never stand for letters or digits).
  static func decodingNumericReferences(_ text: String) -> String {
    guard text.contains("&#") else { return text }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      if scalars[i] == "&", i + 2 < scalars.count, scalars[i + 1] == "#" {
        let hex = scalars[i + 2] == "x" || scalars[i + 2] == "X"
        var j = i + (hex ? 3 : 2)
        var value: UInt32 = 0
        let start = j
        while j < scalars.count, j - start < (hex ? 6 : 7),
          let digit = Int(String(scalars[j]), radix: hex ? 16 : 10)
        {
          value = value * (hex ? 16 : 10) + UInt32(digit)
          j += 1
        }
        if j > start, j < scalars.count, scalars[j] == ";" {
          out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
          i = j + 1
          continue
        }
      }
      out.append(scalars[i])
      i += 1
    }
    return String(out)
  }
}
