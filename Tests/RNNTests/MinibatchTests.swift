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

  /// Whether a model's batch, run step by step together, is its sequences read one by
  /// one and summed in order, bit for bit: loss, every gradient and every final state.
  static func batchIsItsSequencesBitForBit<M: RecurrentModel>(
    _ model: M, states: [M.State], using rng: inout SeededGenerator
  ) -> Bool where M.State: Equatable {
    let (tokens, targets) = batch(&rng, count: states.count)
    let batched = model.batchLossAndGradients(tokens: tokens, targets: targets, from: states)
    var loss = 0.0
    var gradients = model.parameters.zeros()
    var finalStates: [M.State] = []
    for b in states.indices {
      let one = model.lossAndGradients(.tokens(tokens[b]), from: states[b]) {
        softmaxCrossEntropy(outputs: $0, targets: targets[b])
      }
      loss += one.loss
      gradients.add(one.gradients)
      finalStates.append(one.finalState)
    }
    return batched.loss == loss && batched.finalStates == finalStates
      && M.Parameters.parameterPaths.allSatisfy { batched.gradients[keyPath: $0.path] == gradients[keyPath: $0.path] }
  }

  @Test func gatedBatchesAreTheirSequencesBitForBit() {
    var rng = SeededGenerator(seed: 27)
    let (n, h, o) = (Self.sizes.input, Self.sizes.hidden, Self.sizes.output)
    let gru = GRU(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let gruStates = (0..<5).map { _ in Matrix.random(h, 1, scale: 0.5, using: &rng) }
    #expect(Self.batchIsItsSequencesBitForBit(gru, states: gruStates, using: &rng))
    let lstm = LSTM(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let lstmStates = (0..<5).map { _ in
      LSTM.State(h: .random(h, 1, scale: 0.5, using: &rng), c: .random(h, 1, scale: 0.5, using: &rng))
    }
    #expect(Self.batchIsItsSequencesBitForBit(lstm, states: lstmStates, using: &rng))
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

  /// Three sequences of 6, 3 and 1 steps, padded to 6 with `padding` (inputs and
  /// targets), their lengths, and the unpadded sequences.
  static func padded(_ rng: inout SeededGenerator, padding: Int) -> (
    tokens: [[Int]], targets: [[Int]], lengths: [Int], sequences: [(inputs: [Int], targets: [Int])]
  ) {
    let lengths = [6, 3, 1]
    let sequences = lengths.map { length in
      let (inputs, targets) = Fixture.tokens(&rng, sizes)
      return (Array(inputs.prefix(length)), Array(targets.prefix(length)))
    }
    func pad(_ xs: [Int]) -> [Int] { xs + [Int](repeating: padding, count: Fixture.steps - xs.count) }
    return (sequences.map { pad($0.0) }, sequences.map { pad($0.1) }, lengths, sequences)
  }

  /// A padded, masked batch gives the loss, gradients and final states of its
  /// sequences read one by one without padding; the same batch without the mask does not.
  @Test func maskedBatchIsItsSequencesUnpadded() {
    var rng = SeededGenerator(seed: 24)
    let (model, states) = Self.vanilla(&rng)
    let batch = Self.padded(&rng, padding: 1)
    let masked = model.batchLossAndGradients(
      tokens: batch.tokens, targets: batch.targets, lengths: batch.lengths, from: states)
    let alone = batch.sequences.indices.map { b in
      model.lossAndGradients(.tokens(batch.sequences[b].inputs), from: states[b]) {
        softmaxCrossEntropy(outputs: $0, targets: batch.sequences[b].targets)
      }
    }
    let loss = alone.map(\.loss).reduce(0, +)
    #expect(abs(masked.loss - loss) <= 1e-12 * loss)
    #expect(masked.finalStates == alone.map(\.finalState))
    var sum = model.parameters.zeros()
    for one in alone { sum.add(one.gradients) }
    for (_, path) in VanillaRNN.Parameters.parameterPaths {
      #expect(relativeError(masked.gradients[keyPath: path], sum[keyPath: path]) < 1e-14)
    }
    // Without the mask the padding counts as data, and the final states are read at T.
    let unmasked = model.batchLossAndGradients(tokens: batch.tokens, targets: batch.targets, from: states)
    #expect(abs(unmasked.loss - loss) > 1e-3 * loss)
    #expect(unmasked.finalStates[0] == alone[0].finalState)
    #expect((unmasked.finalStates[1] - alone[1].finalState).maxAbs > 1e-3)
    #expect((unmasked.finalStates[2] - alone[2].finalState).maxAbs > 1e-3)
    for (_, path) in VanillaRNN.Parameters.parameterPaths {
      #expect(relativeError(unmasked.gradients[keyPath: path], sum[keyPath: path]) > 1e-3)
    }
  }

  /// What fills the padding changes no bit of the masked result, and a sequence of
  /// length 0 adds nothing and ends in the state it started from.
  @Test func paddingIsNeverRead() {
    var rng = SeededGenerator(seed: 25)
    let (model, states) = Self.vanilla(&rng)
    let ones = Self.padded(&rng, padding: 1)
    let sevens = (
      tokens: zip(ones.tokens, ones.lengths).map { Array($0.prefix($1)) + [Int](repeating: 7, count: 6 - $1) },
      targets: zip(ones.targets, ones.lengths).map { Array($0.prefix($1)) + [Int](repeating: 4, count: 6 - $1) }
    )
    let a = model.batchLossAndGradients(tokens: ones.tokens, targets: ones.targets, lengths: ones.lengths, from: states)
    let b = model.batchLossAndGradients(
      tokens: sevens.tokens, targets: sevens.targets, lengths: ones.lengths, from: states)
    #expect(a.loss == b.loss)
    #expect(a.finalStates == b.finalStates)
    for (_, path) in VanillaRNN.Parameters.parameterPaths {
      #expect(a.gradients[keyPath: path] == b.gradients[keyPath: path])
    }
    let empty = model.batchLossAndGradients(
      tokens: ones.tokens, targets: ones.targets, lengths: [6, 3, 0], from: states)
    let twoAlone = model.batchLossAndGradients(
      tokens: Array(ones.tokens.prefix(2)), targets: Array(ones.targets.prefix(2)), lengths: [6, 3],
      from: Array(states.prefix(2)))
    #expect(empty.finalStates[2] == states[2])
    #expect(empty.finalStates.prefix(2) == twoAlone.finalStates[...])
    #expect(abs(empty.loss - twoAlone.loss) <= 1e-12 * twoAlone.loss)
  }

  /// The largest relative error of a model's masked batch gradients against centred
  /// differences of its masked batch loss, on a padded batch.
  static func worstMaskedError<M: RecurrentModel>(
    _ model: M, states: [M.State], step: Double, using rng: inout SeededGenerator
  ) -> Double {
    let batch = padded(&rng, padding: 2)
    let analytic = model.batchLossAndGradients(
      tokens: batch.tokens, targets: batch.targets, lengths: batch.lengths, from: states
    ).gradients
    let results = gradientCheck(model.parameters, gradients: analytic, step: step) { p in
      var probe = model
      probe.parameters = p
      return probe.batchLossAndGradients(
        tokens: batch.tokens, targets: batch.targets, lengths: batch.lengths, from: states
      ).loss
    }
    return results.map(\.relativeError).max()!
  }

  @Test func maskedBatchGradientsMatchCentredDifferences() {
    var rng = SeededGenerator(seed: 26)
    let (vanilla, vanillaStates) = Self.vanilla(&rng)
    #expect(Self.worstMaskedError(vanilla, states: vanillaStates, step: 1e-5, using: &rng) < 1e-8)
    let (n, h, o) = (Self.sizes.input, Self.sizes.hidden, Self.sizes.output)
    let lstm = LSTM(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let lstmStates = (0..<3).map { _ in
      LSTM.State(h: .random(h, 1, scale: 0.5, using: &rng), c: .random(h, 1, scale: 0.5, using: &rng))
    }
    #expect(Self.worstMaskedError(lstm, states: lstmStates, step: 3e-5, using: &rng) < 5e-8)
    let gru = GRU(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let gruStates = (0..<3).map { _ in Matrix.random(h, 1, scale: 0.5, using: &rng) }
    #expect(Self.worstMaskedError(gru, states: gruStates, step: 3e-5, using: &rng) < 5e-8)
  }
}
