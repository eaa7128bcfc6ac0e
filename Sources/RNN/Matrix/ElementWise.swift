import Foundation

/// tanh applied to every entry: the RNN's squashing function.
public func tanh(_ m: consuming Matrix) -> Matrix {
  for i in 0..<m.elements.count { m.elements[i] = Foundation.tanh(m.elements[i]) }
  return m
}

/// The logistic sigmoid σ(z) = 1 / (1 + e⁻ᶻ) of a number: the gates' squashing function.
public func sigmoid(_ z: Double) -> Double {
  1 / (1 + exp(-z))
}

/// σ applied to every entry.
public func sigmoid(_ m: consuming Matrix) -> Matrix {
  for i in 0..<m.elements.count { m.elements[i] = sigmoid(m.elements[i]) }
  return m
}

/// eᶻ applied to every entry.
public func exp(_ m: consuming Matrix) -> Matrix {
  for i in 0..<m.elements.count { m.elements[i] = Foundation.exp(m.elements[i]) }
  return m
}

/// Every entry clamped to [-limit, limit].
public func clamp(_ m: consuming Matrix, to limit: Double) -> Matrix {
  for i in 0..<m.elements.count { m.elements[i] = min(max(m.elements[i], -limit), limit) }
  return m
}
