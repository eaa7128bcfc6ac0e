import Foundation

/// The settings a lesson gives itself in a comment of its prose, such as
/// `<!-- unrolled: timeout=300 memory=2G -->`.
///
/// Only a comment that is an HTML block of the document counts: the same text in a code
/// block or inside a paragraph is shown, not obeyed. Bad values are diagnostics.
struct LessonOptions {
  /// `timeout=SECONDS`: the time limit for running the lesson.
  var timeLimit: Double?
  /// `memory=SIZE`: the memory limit for running the lesson, in bytes.
  var memoryLimit: UInt64?
  /// Where each option was set, to report a second setting.
  private var lines: [String: Int] = [:]

  /// The longest time limit a lesson may ask for: a day.
  static let maximumSeconds = 86_400.0

  /// Reads every `<!-- unrolled: … -->` comment of `html`, an HTML block that starts on
  /// `line` of the lesson at `path`, adding a diagnostic for each problem.
  mutating func read(_ html: String, line: Int, path: String, into diagnostics: inout [Diagnostic]) {
    var searchFrom = html.startIndex
    while let range = html.range(
      of: #"(?s)<!--\s*unrolled\s*:(.*?)-->"#, options: .regularExpression, range: searchFrom..<html.endIndex)
    {
      searchFrom = range.upperBound
      if html[range].range(of: #"^<!--\s*unrolled\s*:\s*given\b"#, options: .regularExpression) != nil { continue }
      let commentLine = line + html[..<range.lowerBound].filter { $0 == "\n" }.count
      // By scalars: a combining mark after `:` must not hide the colon.
      let comment = html[range].unicodeScalars
      let body = comment.drop { $0 != ":" }.dropFirst().dropLast(3)
      for setting in String(String.UnicodeScalarView(body)).split(whereSeparator: \.isWhitespace) {
        if let problem = apply(String(setting), line: commentLine) {
          diagnostics.append(Diagnostic(file: path, line: commentLine, message: problem))
        }
      }
    }
  }

  /// Whether `html` holds an `<!-- unrolled: … -->` comment that sets options (not a
  /// `given` mark, which belongs to its paragraph: see ``ClaimCheck``).
  static func isOptionComment(_ html: String) -> Bool {
    html.range(of: #"<!--\s*unrolled\s*:(?!\s*given\b)"#, options: .regularExpression) != nil
  }

  /// Applies one `key=value`; returns what is wrong with it, if anything.
  private mutating func apply(_ setting: String, line: Int) -> String? {
    let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let key = parts[0]
    let value = parts.count > 1 ? parts[1] : ""
    guard key == "timeout" || key == "memory" else {
      return "unknown lesson option '\(setting)': use timeout=SECONDS or memory=SIZE (such as 512M or 2G)"
    }
    if key == "timeout" {
      guard let seconds = Self.seconds(value) else {
        return "timeout must be a number of seconds above 0 and at most \(Int(Self.maximumSeconds)), "
          + "such as timeout=300; got '\(value)'"
      }
      if let first = lines[key] { return "timeout is set twice: it is already set on line \(first)" }
      timeLimit = seconds
    } else {
      guard let bytes = Self.bytes(value) else {
        return "memory must be a size above 0 in bytes, or with K, M, G or T, such as memory=512M or "
          + "memory=1.5G; got '\(value)'"
      }
      if let first = lines[key] { return "memory is set twice: it is already set on line \(first)" }
      memoryLimit = bytes
    }
    lines[key] = line
    return nil
  }

  /// `120` or `2.5` as seconds; `nil` for anything else, for 0, or past a day.
  static func seconds(_ text: String) -> Double? {
    guard let (whole, fraction) = decimal(text),
      let seconds = Double(fraction.isEmpty ? whole : whole + "." + fraction),
      seconds > 0, seconds <= maximumSeconds
    else { return nil }
    return seconds
  }

  /// `1048576`, `512M`, `1.5G`, `2GB` or `2GiB` as bytes (K, M, G and T count in 1024s);
  /// `nil` for anything else, for 0, for part of a byte, or past 2⁶⁴.
  static func bytes(_ text: String) -> UInt64? {
    var number = Substring(text)
    var unitRequired = false
    if number.hasSuffix("iB") {
      number = number.dropLast(2)
      unitRequired = true
    } else if number.hasSuffix("B") {
      number = number.dropLast()
    }
    var unit: UInt64 = 1
    if let last = number.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][last.uppercased()] {
      unit = 1 << (10 * UInt64(power))
      number = number.dropLast()
    } else if unitRequired {
      return nil
    }
    guard let (whole, fraction) = decimal(String(number)), fraction.isEmpty || unit > 1,
      let wholeValue = UInt64(whole)
    else { return nil }
    let (product, overflow) = wholeValue.multipliedReportingOverflow(by: unit)
    // The fraction in bytes, rounded down: 1.5G is 1.5 × 2³⁰ bytes.
    let part = fraction.isEmpty ? 0 : UInt64((Double("0." + fraction)! * Double(unit)).rounded(.down))
    let (total, tooBig) = product.addingReportingOverflow(part)
    guard !overflow, !tooBig, total > 0 else { return nil }
    return total
  }

  /// The digits before and after the point of a plain decimal number (`12` or `1.5`).
  private static func decimal(_ text: String) -> (whole: String, fraction: String)? {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let isDigits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
    guard isDigits(parts[0]), parts.count == 1 || isDigits(parts[1]) else { return nil }
    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
  }
}
