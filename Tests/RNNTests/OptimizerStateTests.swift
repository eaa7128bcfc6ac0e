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
}
