/// tanh applied to every entry: the RNN's squashing function.
///
/// Computed by the library's own kernel (within 1 ulp), so every machine gets the
/// same bits.
public func tanh(_ m: consuming Matrix) -> Matrix {
  m.elements.withUnsafeMutableBufferPointer { Math.tanh($0) }
  return m
}

/// The logistic sigmoid σ(z) = 1 / (1 + e⁻ᶻ) of a number: the gates' squashing function.
public func sigmoid(_ z: Double) -> Double {
  Math.sigmoid(z)
}

/// σ applied to every entry.
public func sigmoid(_ m: consuming Matrix) -> Matrix {
  m.elements.withUnsafeMutableBufferPointer { Math.sigmoid($0) }
  return m
}

/// eᶻ applied to every entry.
public func exp(_ m: consuming Matrix) -> Matrix {
  m.elements.withUnsafeMutableBufferPointer { Math.exp($0) }
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
