import Foundation

/// How far an analytic gradient is from a numerical one:
/// max|a − n| / max(1e-8, max|a| + max|n|), over all entries.
///
/// Measured against the size of the whole gradient rather than entry by entry, so that
/// entries that are nearly zero do not turn rounding noise into large ratios. A correct
/// backward pass gives about 1e-10 in `Double`; a wrong one, 1e-3 or more.
public func relativeError(_ analytic: Matrix, _ numerical: Matrix) -> Double {
  precondition(analytic.count == numerical.count, "the two gradients need the same shape")
  var largestDifference = 0.0
  for i in 0..<analytic.count {
    largestDifference = max(largestDifference, abs(analytic[i] - numerical[i]))
  }
  return largestDifference / max(1e-8, analytic.maxAbs + numerical.maxAbs)
}

/// The gradient of `f` at `x` by centred differences:
/// ∂f/∂xᵢ ≈ (f(x + hεᵢ) − f(x − hεᵢ)) / 2h.
public func numericalGradient(of f: (Matrix) -> Double, at x: Matrix, step h: Double = 1e-5) -> Matrix {
  var gradient = Matrix(rows: x.rows, cols: x.cols)
  var probe = x
  for i in 0..<x.count {
    probe[i] = x[i] + h
    let plus = f(probe)
    probe[i] = x[i] - h
    let minus = f(probe)
    probe[i] = x[i]
    gradient[i] = (plus - minus) / (2 * h)
  }
  return gradient
}

/// The result of checking one weight matrix's gradient.
public struct GradientCheckResult: Sendable, CustomStringConvertible {
  /// The weight's name, such as "Whh".
  public let name: String
  /// ``relativeError(_:_:)`` between the analytic and numerical gradients.
  public let relativeError: Double

  /// "Whh: 3.1e-11", with the error in a fixed format.
  public var description: String { "\(name): \(scientific(relativeError))" }
}

/// Checks every weight matrix's analytic gradient against centred differences of `loss`.
///
/// `loss` must compute the same loss that `gradients` were computed from, for the
/// weights it is given. The step is the model's own ``ParameterSet/gradientCheckStep``
/// unless `step` is given.
public func gradientCheck<P: ParameterSet>(
  _ parameters: P, gradients: P, step: Double? = nil, loss: (P) -> Double
) -> [GradientCheckResult] {
  let step = step ?? P.gradientCheckStep
  return P.parameterPaths.map { name, path in
    let numerical = numericalGradient(
      of: { value in
        var probe = parameters
        probe[keyPath: path] = value
        return loss(probe)
      }, at: parameters[keyPath: path], step: step)
    return GradientCheckResult(name: name, relativeError: relativeError(gradients[keyPath: path], numerical))
  }
}

/// A number in scientific notation with two significant digits: "3.1e-11".
public func scientific(_ x: Double) -> String {
  x.isFinite ? String(format: "%.1e", x) : fmt(x)
}
