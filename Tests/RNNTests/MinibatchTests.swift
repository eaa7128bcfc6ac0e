import RNN
import Testing

/// `batchLossAndGradients`: the vanilla RNN's matrix-matrix version against the same
/// model read one sequence at a time, and every model's batch gradients against
/// centred differences of the batch loss.
@Suite struct MinibatchTests {
  static let sizes = Fixture.Sizes.tiles

  static func batch(_ rng: inout SeededGenerator, count: Int) -> (tokens: [[Int]], targets: [[Int]]) {
    let pairs = (0..<count).map { _ in Fixture.tokens(&rng, sizes) }
    return (pairs.map(\.inputs), pairs.map(\.targets))
  }

  static func vanilla(_ rng: inout SeededGenerator) -> (VanillaRNN, [Matrix]) {
    let model = VanillaRNN(
      inputSize: sizes.input, hiddenSize: sizes.hidden, outputSize: sizes.output, weightScale: 0.5, using: &rng)
    let states = (0..<3).map { _ in Matrix.random(sizes.hidden, 1, scale: 0.5, using: &rng) }
    return (model, states)
  }

  /// One sequence: the batched arithmetic is the unbatched one, bit for bit.
  @Test func vanillaBatchOfOneIsTheSequenceBitForBit() {
    var rng = SeededGenerator(seed: 21)
    let (model, states) = Self.vanilla(&rng)
    let (tokens, targets) = Self.batch(&rng, count: 1)
    let batched = model.batchLossAndGradients(tokens: tokens, targets: targets, from: [states[0]])
    let single = model.lossAndGradients(.tokens(tokens[0]), from: states[0]) {
      softmaxCrossEntropy(outputs: $0, targets: targets[0])
    }
    #expect(batched.loss == single.loss)
    #expect(batched.finalStates == [single.finalState])
    for (_, path) in VanillaRNN.Parameters.parameterPaths {
      #expect(batched.gradients[keyPath: path] == single.gradients[keyPath: path])
    }
  }

  /// Three sequences: the sums of the sequences' losses and gradients (to rounding, as
  /// the sums run in another order), and each sequence's final state exactly.
  @Test func vanillaBatchIsTheSumOfItsSequences() {
    var rng = SeededGenerator(seed: 22)
    let (model, states) = Self.vanilla(&rng)
    let (tokens, targets) = Self.batch(&rng, count: 3)
    let batched = model.batchLossAndGradients(tokens: tokens, targets: targets, from: states)
    let generic = (0..<3).map { b in
      model.lossAndGradients(.tokens(tokens[b]), from: states[b]) {
        softmaxCrossEntropy(outputs: $0, targets: targets[b])
      }
    }
    let loss = generic.map(\.loss).reduce(0, +)
    #expect(abs(batched.loss - loss) <= 1e-12 * loss)
    #expect(batched.finalStates == generic.map(\.finalState))
    var sum = model.parameters.zeros()
    for one in generic { sum.add(one.gradients) }
    for (_, path) in VanillaRNN.Parameters.parameterPaths {
      #expect(relativeError(batched.gradients[keyPath: path], sum[keyPath: path]) < 1e-14)
    }
  }

  /// The largest relative error of a model's batch gradients against centred
  /// differences of its batch loss.
  static func worstError<M: RecurrentModel>(
    _ model: M, states: [M.State], step: Double, using rng: inout SeededGenerator
  )
    -> Double
  {
    let (tokens, targets) = batch(&rng, count: states.count)
    let analytic = model.batchLossAndGradients(tokens: tokens, targets: targets, from: states).gradients
    let results = gradientCheck(model.parameters, gradients: analytic, step: step) { p in
      var probe = model
      probe.parameters = p
      return probe.batchLossAndGradients(tokens: tokens, targets: targets, from: states).loss
    }
    return results.map(\.relativeError).max()!
  }

  @Test func batchGradientsMatchCentredDifferences() {
    var rng = SeededGenerator(seed: 23)
    let (vanilla, vanillaStates) = Self.vanilla(&rng)
    #expect(Self.worstError(vanilla, states: vanillaStates, step: 1e-5, using: &rng) < 1e-8)
    let (n, h, o) = (Self.sizes.input, Self.sizes.hidden, Self.sizes.output)
    let lstm = LSTM(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let lstmStates = (0..<3).map { _ in
      LSTM.State(h: .random(h, 1, scale: 0.5, using: &rng), c: .random(h, 1, scale: 0.5, using: &rng))
    }
    #expect(Self.worstError(lstm, states: lstmStates, step: 3e-5, using: &rng) < 5e-8)
    let gru = GRU(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let gruStates = (0..<3).map { _ in Matrix.random(h, 1, scale: 0.5, using: &rng) }
    #expect(Self.worstError(gru, states: gruStates, step: 3e-5, using: &rng) < 5e-8)
  }
}
