/// A model's weights as a list of named matrices; the same type holds their gradients.
///
/// Optimizers, clipping and the gradient check walk ``parameterPaths`` so that one
/// piece of code serves the vanilla RNN, the LSTM and the GRU.
public protocol ParameterSet: Sendable {
  /// Each weight matrix by name, in a fixed order.
  static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] { get }

  /// The step h of the centred differences that ``gradientCheck(_:gradients:step:loss:)``
  /// uses by default for these weights.
  ///
  /// The error of a centred difference is truncation, about h²·|f‴|, plus rounding,
  /// about ε·|f|/h; the best h balances the two and depends on the model. 1e-5 unless a
  /// model chooses otherwise (the gated models choose 3e-5: see ``LSTM/Parameters``).
  static var gradientCheckStep: Double { get }
}

extension ParameterSet {
  /// 1e-5, the best step for the vanilla RNN's weights (measured in the library's
  /// tests: a relative error of 1.8e-10 at worst, against 1.2e-9 at 1e-6 and 1.4e-9 at
  /// 3e-5).
  public static var gradientCheckStep: Double { 1e-5 }

  /// The same shapes, every entry zero: where gradients are summed.
  public func zeros() -> Self {
    var z = self
    for (_, path) in Self.parameterPaths {
      z[keyPath: path] = Matrix(rows: self[keyPath: path].rows, cols: self[keyPath: path].cols)
    }
    return z
  }

  /// The number of weights in all matrices together.
  public var parameterCount: Int {
    Self.parameterPaths.reduce(0) { $0 + self[keyPath: $1.path].count }
  }

  /// The length of all entries taken as one long vector: √(Σ w²).
  public var globalNorm: Double {
    Self.parameterPaths.reduce(0.0) { total, entry in
      let m = self[keyPath: entry.path]
      return total + Kernels.dot(m.elements, m.elements)
    }.squareRoot()
  }

  /// Adds `other`, entry by entry.
  public mutating func add(_ other: Self) {
    for (_, path) in Self.parameterPaths { self[keyPath: path] += other[keyPath: path] }
  }

  /// Multiplies every entry by `factor`.
  public mutating func scale(by factor: Double) {
    for (_, path) in Self.parameterPaths { self[keyPath: path] *= factor }
  }
}
