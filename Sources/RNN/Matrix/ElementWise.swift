import Foundation

/// tanh applied to every entry: the RNN's squashing function.
public func tanh(_ m: consuming Matrix) -> Matrix {
  m.updateEach { Foundation.tanh($0) }
  return m
}

/// The logistic sigmoid σ(z) = 1 / (1 + e⁻ᶻ) of a number: the gates' squashing function.
public func sigmoid(_ z: Double) -> Double {
  1 / (1 + exp(-z))
}

/// σ applied to every entry.
public func sigmoid(_ m: consuming Matrix) -> Matrix {
  m.updateEach { sigmoid($0) }
  return m
}

/// eᶻ applied to every entry.
public func exp(_ m: consuming Matrix) -> Matrix {
  m.updateEach { Foundation.exp($0) }
  return m
}

/// Every entry clamped to [-limit, limit].
public func clamp(_ m: consuming Matrix, to limit: Double) -> Matrix {
  m.clamp(to: limit)
  return m
}

extension Matrix {
  /// Clamps every entry to [-limit, limit] in place.
  public mutating func clamp(to limit: Double) {
    updateEach { min(max($0, -limit), limit) }
  }
}
