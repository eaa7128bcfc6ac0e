import RNN
import Testing

/// What an optimiser remembers between updates can be read, and is what its formulas
/// say, in the order of the parameters' paths.
@Suite struct OptimizerStateTests {
  static func gradient() -> VanillaRNN.Parameters {
    var rng = SeededGenerator(seed: 41)
    return VanillaRNN(inputSize: 3, hiddenSize: 2, outputSize: 2, weightScale: 1, using: &rng).parameters
  }

  static func close(_ a: Matrix, _ b: Matrix) -> Bool { (a - b).maxAbs < 1e-15 }

  @Test func adamKeepsItsAveragesAndStepCount() {
    let g = Self.gradient()
    var weights = g.zeros()
    var adam = Adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999)
    #expect(adam.m.isEmpty && adam.v.isEmpty && adam.t == 0)
    adam.update(&weights, with: g)
    adam.update(&weights, with: g)
    #expect(adam.t == 2)
    for (k, (_, path)) in VanillaRNN.Parameters.parameterPaths.enumerated() {
      let gk = g[keyPath: path]
      // Two updates with the same g: m = (1 − β₁²)·g, v = (1 − β₂²)·g².
      #expect(Self.close(adam.m[k], (1 - 0.9 * 0.9) * gk))
      #expect(Self.close(adam.v[k], (1 - 0.999 * 0.999) * (gk .* gk)))
    }
  }

  @Test func adagradKeepsItsSumOfSquares() {
    let g = Self.gradient()
    var weights = g.zeros()
    var adagrad = Adagrad(learningRate: 0.1)
    #expect(adagrad.memory.isEmpty)
    adagrad.update(&weights, with: g)
    adagrad.update(&weights, with: g)
    for (k, (_, path)) in VanillaRNN.Parameters.parameterPaths.enumerated() {
      let gk = g[keyPath: path]
      #expect(Self.close(adagrad.memory[k], 2 * (gk .* gk)))
    }
  }

  /// Adam's update gives the bits of its formulas written as a plain loop, one weight at
  /// a time, over matrices whose sizes are and are not multiples of the kernel's width,
  /// with β₁ᵗ and β₂ᵗ multiplied out from 1; also after β₁ is changed between updates.
  @Test func adamGivesThePlainLoopsBits() {
    var rng = SeededGenerator(seed: 42)
    var weights = VanillaRNN(inputSize: 5, hiddenSize: 7, outputSize: 3, weightScale: 1, using: &rng).parameters
    var expected = weights
    var adam = Adam(learningRate: 0.01)
    let paths = VanillaRNN.Parameters.parameterPaths
    var (m, v) = (paths.map { _ in [Double]() }, paths.map { _ in [Double]() })
    for t in 1...5 {
      let b1 = t <= 3 ? 0.9 : 0.8
      adam.beta1 = b1
      let g = VanillaRNN(inputSize: 5, hiddenSize: 7, outputSize: 3, weightScale: 2, using: &rng).parameters
      adam.update(&weights, with: g)
      var (c1, c2) = (1.0, 1.0)
      for _ in 0..<t { (c1, c2) = (c1 * b1, c2 * 0.999) }
      (c1, c2) = (1 - c1, 1 - c2)
      for (k, (_, path)) in paths.enumerated() {
        let gk = g[keyPath: path].elements
        if m[k].isEmpty {
          (m[k], v[k]) = ([Double](repeating: 0, count: gk.count), [Double](repeating: 0, count: gk.count))
        }
        for i in gk.indices {
          m[k][i] = b1 * m[k][i] + (1 - b1) * gk[i]
          v[k][i] = 0.999 * v[k][i] + (1 - 0.999) * gk[i] * gk[i]
          expected[keyPath: path].elements[i] -= 0.01 * (m[k][i] / c1) / ((v[k][i] / c2).squareRoot() + 1e-8)
        }
      }
      for (_, path) in paths {
        #expect(weights[keyPath: path].elements.map(\.bitPattern) == expected[keyPath: path].elements.map(\.bitPattern))
      }
    }
  }
}
