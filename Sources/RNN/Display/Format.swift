import Foundation

/// A number printed with exactly `digits` digits after the point: `fmt(0.46211, 4)` is
/// "0.4621".
///
/// Lessons print through `fmt` because a raw `Double` shows all 17 significant digits,
/// and the last ones can differ between math libraries; a stated precision makes the
/// output the same everywhere. Negative zero prints as zero.
public func fmt(_ x: Double, _ digits: Int = 4) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  let text = String(format: "%.\(max(0, digits))f", x)
  if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
    return String(text.dropFirst())
  }
  return text
}

/// A list of numbers, each with `digits` digits: "[0.4621, 0.8786]".
public func fmt(_ xs: [Double], _ digits: Int = 4) -> String {
  "[" + xs.map { fmt($0, digits) }.joined(separator: ", ") + "]"
}

/// A matrix, one bracketed row per line; a column vector prints on one line as a
/// list.
public func fmt(_ m: Matrix, _ digits: Int = 4) -> String {
  if m.cols == 1 { return fmt(m.elements, digits) }
  return (0..<m.rows).map { r in
    fmt(Array(m.elements[(r * m.cols)..<((r + 1) * m.cols)]), digits)
  }.joined(separator: "\n")
}
