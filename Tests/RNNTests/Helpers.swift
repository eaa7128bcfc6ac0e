import RNN

/// Small random problems for gradient checks: a few steps, a few units, weights large
/// enough that every nonlinearity is exercised.
enum Fixture {
  static let inputSize = 3
  static let hiddenSize = 4
  static let outputSize = 3
  static let steps = 6

  static func tokens(_ rng: inout SeededGenerator) -> (inputs: [Int], targets: [Int]) {
    let inputs = (0..<steps).map { _ in rng.integer(below: inputSize) }
    let targets = (0..<steps).map { _ in rng.integer(below: outputSize) }
    return (inputs, targets)
  }

  static func vectors(_ rng: inout SeededGenerator) -> (inputs: [Matrix], targets: [Matrix]) {
    let inputs = (0..<steps).map { _ in Matrix.random(inputSize, 1, scale: 1, using: &rng) }
    let targets = (0..<steps).map { _ in Matrix.random(outputSize, 1, scale: 1, using: &rng) }
    return (inputs, targets)
  }

  /// The largest relative error over all of a model's weights, for a token sequence with
  /// softmax cross-entropy.
  static func worstError<M: RecurrentModel>(
    _ model: M, from state: M.State, inputs: [Int], targets: [Int], carryFromFuture: Bool = true
  ) -> Double {
    let pass = model.forward(.tokens(inputs), from: state)
    let dys = softmaxCrossEntropy(outputs: pass.outputs, targets: targets).outputGradients
    let gradients = model.backward(pass, outputGradients: dys, carryFromFuture: carryFromFuture)
    let results = gradientCheck(model.parameters, gradients: gradients) { p in
      var probe = model
      probe.parameters = p
      return softmaxCrossEntropy(outputs: probe.forward(.tokens(inputs), from: state).outputs, targets: targets).loss
    }
    return results.map(\.relativeError).max()!
  }

  /// The same for vector inputs with mean squared error.
  static func worstError<M: RecurrentModel>(
    _ model: M, from state: M.State, inputs: [Matrix], targets: [Matrix], carryFromFuture: Bool = true
  ) -> Double {
    let pass = model.forward(.vectors(inputs), from: state)
    let dys = meanSquaredError(outputs: pass.outputs, targets: targets).outputGradients
    let gradients = model.backward(pass, outputGradients: dys, carryFromFuture: carryFromFuture)
    let results = gradientCheck(model.parameters, gradients: gradients) { p in
      var probe = model
      probe.parameters = p
      return meanSquaredError(outputs: probe.forward(.vectors(inputs), from: state).outputs, targets: targets).loss
    }
    return results.map(\.relativeError).max()!
  }
}
