/// A piece of math found in a lesson's Markdown.
public struct MathSpan: Sendable, Equatable {
  /// The TeX between the dollars.
  public let tex: String
  /// `$$…$$` (a displayed equation) rather than `$…$` (math in a sentence).
  public let display: Bool
  /// The line the math starts on, counting from 1.
  public let line: Int
  /// The math as written, dollars included.
  public var source: String { display ? "$$" + tex + "$$" : "$" + tex + "$" }
}

/// A lesson's Markdown with its math swapped for placeholders (see ``MathSpans``).
public struct ProtectedMarkdown: Sendable {
  /// The Markdown with each span replaced by its placeholder.
  public let text: String
  /// The spans, in order: span `i` is behind `placeholders.placeholder(i)`.
  public let spans: [MathSpan]
  /// Problems (an unclosed `$$`) as (line, message).
  public let problems: [(line: Int, message: String)]
  /// The placeholder words used, chosen so that the lesson cannot contain them.
  public let placeholders: MathPlaceholders
}

/// Finds math in Markdown and swaps it for placeholders before cmark sees it, so that
/// Markdown cannot touch it: `$W_{hh} h_{t-1}$` must not grow emphasis, and `\\` in a
/// matrix must stay two backslashes.
///
/// Rules (those of most Markdown-with-math tools):
/// - Nothing inside fenced code blocks or inline code spans is math.
/// - `$$` opens displayed math, which runs to the next `$$` and may span lines.
/// - `$` opens inline math only when the character after it is not a space; the math
///   ends at the next `$` that has no space before it and no digit after it, on the same
///   paragraph, and never contains a backtick. The first `$` that could close but
///   cannot (a space before it, or a digit after it) means there is no math. So "it
///   costs $5 and $10, or $10 and $5" has no math. `\$` is a dollar sign.
///
/// Each span becomes a word of letters and digits, and each further line of a span a
/// word that renders as nothing, so line numbers after the math are unchanged. The text
/// is read by Unicode scalars, as cmark reads it, so a combining mark after a backtick
/// or a dollar does not hide it.
public enum MathSpans {
  /// The text with math replaced by placeholders, the spans in order, and problems.
  public static func protect(_ text: String) -> ProtectedMarkdown {
    let placeholders = MathPlaceholders(avoiding: text)
    let chars = Array(text.unicodeScalars)
    // An array, not a String.UnicodeScalarView: appending to a view captured by the
    // nested `emit` copied the whole text each time, which made a 5 MB lesson quadratic.
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(chars.count + chars.count / 8)
    var spans: [MathSpan] = []
    var problems: [(line: Int, message: String)] = []
    var line = 1
    var i = 0
    var atLineStart = true
    var fence: (character: Unicode.Scalar, length: Int)?

    func copyLine() {
      while i < chars.count, chars[i] != "\n" {
        out.append(chars[i])
        i += 1
      }
    }

    while i < chars.count {
      let c = chars[i]
      if atLineStart {
        atLineStart = false
        if let run = fenceRun(chars, at: i) {
          if let open = fence {
            if run.0 == open.character && run.1 >= open.length { fence = nil }
          } else {
            fence = (run.0, run.1)
          }
          copyLine()
          continue
        }
        if fence != nil {
          copyLine()
          continue
        }
      }
      switch c {
      case "\n":
        out.append(c)
        line += 1
        i += 1
        atLineStart = true
      case "\\" where i + 1 < chars.count && chars[i + 1] != "\n":
        out.append(c)
        out.append(chars[i + 1])
        i += 2
      case "`":
        var n = 0
        while i + n < chars.count, chars[i + n] == "`" { n += 1 }
        if let close = closingBackticks(chars, from: i + n, count: n) {
          for k in i..<(close + n) {
            out.append(chars[k])
            if chars[k] == "\n" { line += 1 }
          }
          i = close + n
        } else {
          out.append(contentsOf: String(repeating: "`", count: n).unicodeScalars)
          i += n
        }
      case "$":
        let display = i + 1 < chars.count && chars[i + 1] == "$"
        if display {
          guard let close = doubleDollar(chars, from: i + 2) else {
            problems.append((line, "this `$$` is never closed: end the equation with another `$$`"))
            out.append(contentsOf: "$$".unicodeScalars)
            i += 2
            continue
          }
          emit(i + 2, close, display: true, next: close + 2)
        } else if let close = inlineClose(chars, from: i + 1) {
          emit(i + 1, close, display: false, next: close + 1)
        } else {
          out.append(c)
          i += 1
        }
      default:
        out.append(c)
        i += 1
      }
    }
    var protected = String.UnicodeScalarView()
    protected.append(contentsOf: out)
    return ProtectedMarkdown(text: String(protected), spans: spans, problems: problems, placeholders: placeholders)

    func emit(_ start: Int, _ end: Int, display: Bool, next: Int) {
      var tex = String.UnicodeScalarView()
      tex.append(contentsOf: chars[start..<end])
      spans.append(MathSpan(tex: String(tex), display: display, line: line))
      out.append(contentsOf: placeholders.placeholder(spans.count - 1).unicodeScalars)
      let extraLines = chars[start..<end].filter { $0 == "\n" }.count
      for _ in 0..<extraLines { out.append(contentsOf: ("\n" + placeholders.continuation).unicodeScalars) }
      line += extraLines
      i = next
    }
  }

  /// The next unescaped `$$` at or after `start`.
  private static func doubleDollar(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
    var j = start
    while j + 1 < chars.count {
      if chars[j] == "\\" {
        j += 2
      } else if chars[j] == "$" && chars[j + 1] == "$" {
        return j
      } else {
        j += 1
      }
    }
    return nil
  }

  /// The closing `$` of inline math opened just before `start`, if there is one.
  private static func inlineClose(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
    guard start < chars.count, !isSpace(chars[start]), chars[start] != "$" else { return nil }
    var j = start
    while j < chars.count {
      let c = chars[j]
      if c == "`" { return nil }
      if c == "\\" {
        j += 2
        continue
      }
      if c == "\n", endsParagraph(chars, after: j) { return nil }
      if c == "$" {
        let before = chars[j - 1]
        let after = j + 1 < chars.count ? chars[j + 1] : " "
        if !isSpace(before) && !Character(after).isNumber { return j }
        return nil
      }
      j += 1
    }
    return nil
  }

  private static func closingBackticks(_ chars: [Unicode.Scalar], from start: Int, count: Int) -> Int? {
    var j = start
    while j < chars.count {
      if chars[j] == "`" {
        var n = 0
        while j + n < chars.count, chars[j + n] == "`" { n += 1 }
        if n == count { return j }
        j += n
      } else {
        if chars[j] == "\n", endsParagraph(chars, after: j) { return nil }
        j += 1
      }
    }
    return nil
  }

  /// Whether the line after the line break at `newline` ends a paragraph, so that
  /// neither a code span nor inline math can run into it: a blank line, or the opening
  /// of a fenced code block (which cmark starts there, in the middle of a paragraph).
  private static func endsParagraph(_ chars: [Unicode.Scalar], after newline: Int) -> Bool {
    guard newline + 1 < chars.count else { return false }
    return chars[(newline + 1)...].prefix(while: { $0 != "\n" }).allSatisfy(isSpace)
      || fenceRun(chars, at: newline + 1) != nil
  }

  /// The fence character and its count, if a line starting at `start` opens or closes
  /// a fenced code block (up to three spaces, then three or more ` or ~).
  private static func fenceRun(_ chars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
    var j = start
    var spaces = 0
    while j < chars.count, chars[j] == " ", spaces < 4 {
      j += 1
      spaces += 1
    }
    guard spaces < 4, j < chars.count, chars[j] == "`" || chars[j] == "~" else { return nil }
    let c = chars[j]
    var n = 0
    while j < chars.count, chars[j] == c {
      j += 1
      n += 1
    }
    return n >= 3 ? (c, n) : nil
  }

  private static func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
}
