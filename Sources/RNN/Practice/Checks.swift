import Foundation

/// Where checks send their results.
///
/// The lesson engine sets ``send`` before the first cell runs, to a function that
/// writes each result on its private channel, never on standard output (where a
/// learner's `print` could forge one). When nothing is set (a program run on its own, a
/// test), each result is printed as a line instead.
public enum CheckChannel {
  /// Receives each check's name, whether it passed, and what to tell the learner.
  nonisolated(unsafe) public static var send: ((_ name: String, _ passed: Bool, _ message: String) -> Void)?
}

/// Records one check of an exercise: `passed`, with `message` saying what was expected
/// when it did not. Returns `passed`.
@discardableResult
public func check(_ name: String, _ passed: Bool, _ message: @autoclosure () -> String = "") -> Bool {
  let text = passed ? "" : message()
  if let send = CheckChannel.send {
    send(name, passed, text)
  } else {
    print("check \(name): \(passed ? "passed" : "FAILED" + (text.isEmpty ? "" : ": " + text))")
  }
  return passed
}

/// Checks that `actual` is within `tolerance` of `expected`, and says both when it is
/// not.
@discardableResult
public func checkClose(_ name: String, _ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
  check(
    name, (actual - expected).magnitude <= tolerance,
    "expected \(describe(expected)), got \(describe(actual)) (tolerance \(scientific(tolerance)))")
}

/// Checks that every entry of `actual` is within `tolerance` of `expected`'s, and says
/// where the largest difference is when one is not.
@discardableResult
public func checkClose(_ name: String, _ actual: Matrix, _ expected: Matrix, tolerance: Double) -> Bool {
  guard actual.rows == expected.rows && actual.cols == expected.cols else {
    return check(name, false, "expected a \(expected.shape) matrix, got \(actual.shape)")
  }
  var worst = (index: 0, difference: 0.0)
  for i in 0..<actual.count {
    let difference = (actual[i] - expected[i]).magnitude
    if !(difference <= worst.difference) { worst = (i, difference.isNaN ? .infinity : difference) }
  }
  let (row, col) = (worst.index / max(actual.cols, 1), worst.index % max(actual.cols, 1))
  return check(
    name, worst.difference <= tolerance,
    "entry [\(row), \(col)]: expected \(describe(expected[worst.index])), got \(describe(actual[worst.index])) "
      + "(tolerance \(scientific(tolerance)))")
}

/// Checks an analytic gradient against a numerical one by ``relativeError(_:_:)``: a
/// correct backward pass gives about 1e-10, a wrong one 1e-3 or more.
@discardableResult
public func checkGradient(_ name: String, analytic: Matrix, numerical: Matrix, tolerance: Double = 1e-7) -> Bool {
  guard analytic.rows == numerical.rows && analytic.cols == numerical.cols else {
    return check(name, false, "the gradient should be \(numerical.shape), but it is \(analytic.shape)")
  }
  let error = relativeError(analytic, numerical)
  return check(
    name, error <= tolerance,
    "relative error \(scientific(error)) against the numerical gradient (a correct one is below \(scientific(tolerance)))"
  )
}

/// A number for a learner to read: fixed precision where that is readable, scientific
/// otherwise.
private func describe(_ x: Double) -> String {
  guard x.isFinite else { return "\(x)" }
  return x != 0 && (x.magnitude < 1e-3 || x.magnitude >= 1e6) ? scientific(x) : fmt(x, 6)
}
