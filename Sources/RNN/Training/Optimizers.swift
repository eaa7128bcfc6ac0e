/// A rule that moves weights against their gradients.
public protocol Optimizer {
  /// Updates `parameters` in place, one step, from `gradients` of the same shape.
  mutating func update<P: ParameterSet>(_ parameters: inout P, with gradients: P)
}

/// Plain gradient descent: w ← w − η·∂L/∂w.
public struct SGD: Optimizer, Sendable {
  /// η, the step size.
  public var learningRate: Double

  /// Gradient descent with step size `learningRate`.
  public init(learningRate: Double) {
    self.learningRate = learningRate
  }

  /// w ← w − η·g for every weight.
  public mutating func update<P: ParameterSet>(_ parameters: inout P, with gradients: P) {
    for (_, path) in P.parameterPaths {
      parameters[keyPath: path].add(gradients[keyPath: path], times: -learningRate)
    }
  }
}

/// Adagrad (Duchi et al., 2011): each weight's step shrinks with the squared
/// gradients it has seen.
///
///     m ← m + g²
///     w ← w − η·g / √(m + ε)
public struct Adagrad: Optimizer, Sendable {
  /// η, the step size.
  public var learningRate: Double
  /// ε, which keeps the division finite.
  public var epsilon: Double
  /// m, each weight's sum of squared gradients so far: one matrix per entry of the
  /// parameters' `parameterPaths`, in that order (empty before the first update).
  public private(set) var memory: [Matrix] = []

  /// Adagrad with step size `learningRate`.
  public init(learningRate: Double, epsilon: Double = 1e-8) {
    self.learningRate = learningRate
    self.epsilon = epsilon
  }

  /// One Adagrad step for every weight.
  public mutating func update<P: ParameterSet>(_ parameters: inout P, with gradients: P) {
    let paths = P.parameterPaths
    if memory.isEmpty {
      memory = paths.map { Matrix.zeros(gradients[keyPath: $0.path].rows, gradients[keyPath: $0.path].cols) }
    }
    for (k, (_, path)) in paths.enumerated() {
      gradients[keyPath: path].elements.withUnsafeBufferPointer { g in
        memory[k].elements.withUnsafeMutableBufferPointer { m in
          parameters[keyPath: path].elements.withUnsafeMutableBufferPointer { w in
            Kernels.adagrad(
              w.baseAddress!, m.baseAddress!, g.baseAddress!, g.count, rate: learningRate, epsilon: epsilon)
          }
        }
      }
    }
  }
}

/// Adam (Kingma and Ba, 2015): steps from running averages of the gradient and of its
/// square, corrected for starting at zero.
///
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
///     w ← w − η·m̂ / (√v̂ + ε),  m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
public struct Adam: Optimizer, Sendable {
  /// η, the step size.
  public var learningRate: Double
  /// β₁, the decay of the gradient's average.
  public var beta1: Double
  /// β₂, the decay of the squared gradient's average.
  public var beta2: Double
  /// ε, which keeps the division finite.
  public var epsilon: Double
  /// m, the running average of each weight's gradient (before the bias correction):
  /// one matrix per entry of the parameters' `parameterPaths`, in that order (empty
  /// before the first update).
  public private(set) var m: [Matrix] = []
  /// v, the running average of each weight's squared gradient (before the bias
  /// correction), in the same order as ``m``.
  public private(set) var v: [Matrix] = []
  /// t, the number of updates taken so far.
  public private(set) var t = 0
  /// β₁ᵗ and β₂ᵗ for the current t, and the β₁ and β₂ they are powers of: each update
  /// multiplies them once more, the multiplications `power(_:_:)` would repeat from 1.
  private var powers = (beta1: 1.0, beta2: 1.0, of: (beta1: 0.0, beta2: 0.0), t: 0)

  /// Adam with the usual defaults.
  public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  /// One Adam step for every weight.
  public mutating func update<P: ParameterSet>(_ parameters: inout P, with gradients: P) {
    let paths = P.parameterPaths
    if m.isEmpty {
      m = paths.map { Matrix.zeros(gradients[keyPath: $0.path].rows, gradients[keyPath: $0.path].cols) }
      v = m
    }
    t += 1
    let (b1, b2, eps, rate) = (beta1, beta2, epsilon, learningRate)
    if powers.t == t - 1 && powers.of == (b1, b2) {
      (powers.beta1, powers.beta2) = (powers.beta1 * b1, powers.beta2 * b2)
    } else {
      (powers.beta1, powers.beta2) = (power(b1, t), power(b2, t))
    }
    (powers.of, powers.t) = ((b1, b2), t)
    let correction1 = 1 - powers.beta1
    let correction2 = 1 - powers.beta2
    for (k, (_, path)) in paths.enumerated() {
      gradients[keyPath: path].elements.withUnsafeBufferPointer { g in
        m[k].elements.withUnsafeMutableBufferPointer { m in
          v[k].elements.withUnsafeMutableBufferPointer { v in
            parameters[keyPath: path].elements.withUnsafeMutableBufferPointer { w in
              Kernels.adam(
                w.baseAddress!, m.baseAddress!, v.baseAddress!, g.baseAddress!, g.count, rate: rate, beta1: b1,
                beta2: b2, epsilon: eps, correction1: correction1, correction2: correction2)
            }
          }
        }
      }
    }
  }
}

/// xⁿ as n multiplications from 1, in order (the same bits on every machine, unlike a
/// library's pow).
private func power(_ x: Double, _ n: Int) -> Double {
  var result = 1.0
  for _ in 0..<n { result *= x }
  return result
}
