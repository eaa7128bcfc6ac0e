import RNN

/// Small random problems for gradient checks: a few steps, a few units, weights large
/// enough that every nonlinearity is exercised.
enum Fixture {
  /// The shapes of a problem.
  struct Sizes: Sendable, CustomStringConvertible {
    let input: Int
    let hidden: Int
    let output: Int

    /// A few units: quick, and easy to reason about.
    static let small = Sizes(input: 3, hidden: 4, output: 3)
    /// Sizes that are neither multiples of 4 nor of 8, so the weight gradients run
    /// through the 4×8 tiles of `Kernels.addTransposedProduct` and through the rows and
    /// columns they leave over, and the 4-wide matrix-vector kernels through their tails.
    static let tiles = Sizes(input: 13, hidden: 9, output: 5)

    var description: String { "\(input)-\(hidden)-\(output)" }
  }

  static let steps = 6

  static func tokens(_ rng: inout SeededGenerator, _ sizes: Sizes) -> (inputs: [Int], targets: [Int]) {
    let inputs = (0..<steps).map { _ in rng.integer(below: sizes.input) }
    let targets = (0..<steps).map { _ in rng.integer(below: sizes.output) }
    return (inputs, targets)
  }

  static func vectors(_ rng: inout SeededGenerator, _ sizes: Sizes) -> (inputs: [Matrix], targets: [Matrix]) {
    let inputs = (0..<steps).map { _ in Matrix.random(sizes.input, 1, scale: 1, using: &rng) }
    let targets = (0..<steps).map { _ in Matrix.random(sizes.output, 1, scale: 1, using: &rng) }
    return (inputs, targets)
  }

  /// The largest relative error over all of a model's weights, for a token sequence with
  /// softmax cross-entropy and for a vector sequence with mean squared error, both
  /// drawn from `rng`.
  static func worstErrors<M: RecurrentModel>(
    _ model: M, from state: M.State, sizes: Sizes, step: Double, carryFromFuture: Bool = true,
    using rng: inout SeededGenerator
  ) -> (tokens: Double, vectors: Double) {
    let t = tokens(&rng, sizes)
    let v = vectors(&rng, sizes)
    let tokenError = worstError(model, from: state, .tokens(t.inputs), step: step, carryFromFuture: carryFromFuture) {
      softmaxCrossEntropy(outputs: $0, targets: t.targets)
    }
    let vectorError = worstError(model, from: state, .vectors(v.inputs), step: step, carryFromFuture: carryFromFuture) {
      meanSquaredError(outputs: $0, targets: v.targets)
    }
    return (tokenError, vectorError)
  }

  /// The largest relative error over all of a model's weights for one input sequence
  /// and loss.
  static func worstError<M: RecurrentModel>(
    _ model: M, from state: M.State, _ inputs: SequenceInput, step: Double, carryFromFuture: Bool,
    loss: ([Matrix]) -> (loss: Double, outputGradients: [Matrix])
  ) -> Double {
    let pass = model.forward(inputs, from: state)
    let gradients = model.backward(
      pass, outputGradients: loss(pass.outputs).outputGradients, carryFromFuture: carryFromFuture)
    let results = gradientCheck(model.parameters, gradients: gradients, step: step) { p in
      var probe = model
      probe.parameters = p
      return loss(probe.forward(inputs, from: state).outputs).loss
    }
    return results.map(\.relativeError).max()!
  }
}
