import RNN
import Testing

/// The backward passes that take ∂L/∂hₜ from above at every step: the vanilla layer's
/// own, the two-layer stack built on it, and the bidirectional network. Each agrees with
/// centred differences for every weight, the initial state and the inputs.
@Suite struct StateGradientTests {
  /// A loss on the hidden states themselves, as a layer above would send: squared error
  /// against random targets at every step, so gₜ = ∂L/∂hₜ differs from step to step.
  static func stateLoss(_ states: [Matrix], _ targets: [Matrix]) -> (loss: Double, gradients: [Matrix]) {
    let (loss, gradients) = meanSquaredError(outputs: states, targets: targets)
    return (loss, gradients)
  }

  /// The worst relative errors of a vanilla layer's weights, ∂L/∂h₀ and ∂L/∂xₜ, for
  /// vector inputs and for tokens (whose input gradient is checked against the same
  /// sequence given as one-hot vectors).
  static func vanillaErrors(seed: UInt64, sizes: Fixture.Sizes, carryFromFuture: Bool = true) -> (
    weights: Double, initialState: Double, inputs: Double
  ) {
    var rng = SeededGenerator(seed: seed)
    let (n, h) = (sizes.input, sizes.hidden)
    let rnn = VanillaRNN(inputSize: n, hiddenSize: h, outputSize: sizes.output, weightScale: 0.5, using: &rng)
    let h0 = Matrix.random(h, 1, scale: 0.5, using: &rng)
    let targets = (0..<Fixture.steps).map { _ in Matrix.random(h, 1, scale: 0.5, using: &rng) }
    let vectors = (0..<Fixture.steps).map { _ in Matrix.random(n, 1, scale: 1, using: &rng) }
    let tokens = (0..<Fixture.steps).map { _ in rng.integer(below: n) }
    var worst = (weights: 0.0, initialState: 0.0, inputs: 0.0)
    for (inputs, asVectors) in [
      (SequenceInput.vectors(vectors), vectors), (.tokens(tokens), tokens.map { Matrix.oneHot($0, size: n) }),
    ] {
      let pass = rnn.forward(inputs, from: h0)
      let analytic = rnn.backward(
        pass, stateGradients: stateLoss(pass.hiddenStates, targets).gradients, carryFromFuture: carryFromFuture)
      let weights = gradientCheck(rnn.parameters, gradients: analytic.parameters) { p in
        stateLoss(VanillaRNN(parameters: p).forward(inputs, from: h0).hiddenStates, targets).loss
      }
      let dh0 = numericalGradient(of: { stateLoss(rnn.forward(inputs, from: $0).hiddenStates, targets).loss }, at: h0)
      let dxs = (0..<Fixture.steps).map { t in
        numericalGradient(
          of: { x in
            var probe = asVectors
            probe[t] = x
            return stateLoss(rnn.forward(.vectors(probe), from: h0).hiddenStates, targets).loss
          }, at: asVectors[t])
      }
      worst.weights = max(worst.weights, weights.map(\.relativeError).max()!)
      worst.initialState = max(worst.initialState, relativeError(analytic.initialState, dh0))
      worst.inputs = max(
        worst.inputs, relativeError(Matrix(stacking: analytic.inputs), Matrix(stacking: dxs)))
    }
    return worst
  }

  /// Measured: at most 3.7e-10 for the weights, 2.4e-10 for h₀ and 1.5e-10 for the
  /// inputs over the sizes and seeds below; without the term from the future, 0.25 or
  /// more (the test after).
  @Test(arguments: [Fixture.Sizes.small, .tiles])
  func vanillaStateGradientsMatchCentredDifferences(sizes: Fixture.Sizes) {
    for seed: UInt64 in [1, 2, 3] {
      let errors = Self.vanillaErrors(seed: seed, sizes: sizes)
      #expect(errors.weights < 1e-8, "seed \(seed), weights")
      #expect(errors.initialState < 1e-8, "seed \(seed), h₀")
      #expect(errors.inputs < 1e-8, "seed \(seed), inputs")
    }
  }

  @Test func vanillaForgettingTheFutureTermIsCaught() {
    let errors = Self.vanillaErrors(seed: 7, sizes: .small, carryFromFuture: false)
    #expect(errors.weights > 1e-3)
    #expect(errors.initialState > 1e-3)
    #expect(errors.inputs > 1e-3)
  }

  /// With gₜ = W_hyᵀ·∂L/∂yₜ, the new backward pass gives the recurrent weights, h₀ and
  /// the biases exactly as the one through the output layer does.
  @Test func vanillaStateGradientsAgreeWithTheOutputLayerPass() {
    var rng = SeededGenerator(seed: 5)
    let rnn = VanillaRNN(inputSize: 3, hiddenSize: 4, outputSize: 3, weightScale: 0.5, using: &rng)
    let (tokens, targets) = Fixture.tokens(&rng, .small)
    let pass = rnn.forward(.tokens(tokens), from: .random(4, 1, scale: 0.5, using: &rng))
    let dys = softmaxCrossEntropy(outputs: pass.outputs, targets: targets).outputGradients
    let viaOutputs = rnn.backwardWithInitialState(pass, outputGradients: dys)
    let viaStates = rnn.backward(pass, stateGradients: rnn.parameters.Why.T * dys)
    for (name, path) in [("Wxh", \VanillaRNN.Parameters.Wxh), ("Whh", \.Whh), ("bh", \.bh)] {
      #expect((viaOutputs.parameters[keyPath: path] - viaStates.parameters[keyPath: path]).maxAbs < 1e-14, "\(name)")
    }
    #expect((viaOutputs.initialState - viaStates.initialState).maxAbs < 1e-14)
    #expect(viaStates.parameters.Why.maxAbs == 0 && viaStates.parameters.by.maxAbs == 0)
  }

  static func stacked(seed: UInt64, sizes: Fixture.Sizes) -> (StackedRNN, StackedRNN.State, SeededGenerator) {
    var rng = SeededGenerator(seed: seed)
    let model = StackedRNN(
      inputSize: sizes.input, hiddenSize: sizes.hidden, upperHiddenSize: sizes.hidden + 1, outputSize: sizes.output,
      weightScale: 0.5, using: &rng)
    let state = StackedRNN.State(
      lower: .random(sizes.hidden, 1, scale: 0.5, using: &rng),
      upper: .random(sizes.hidden + 1, 1, scale: 0.5, using: &rng))
    return (model, state, rng)
  }

  /// Every weight of both layers and of the output layer, for tokens with cross-entropy
  /// and vectors with squared error, from a non-zero state; layers of unequal sizes so
  /// that a transposed shape cannot pass by accident. Measured: at most 1.2e-9 (two
  /// layers of rounding), so the bound is that of the gated models, 5e-8.
  @Test(arguments: [Fixture.Sizes.small, .tiles])
  func stackedBackwardMatchesCentredDifferences(sizes: Fixture.Sizes) {
    for seed: UInt64 in [1, 2, 3] {
      var (model, state, rng) = Self.stacked(seed: seed, sizes: sizes)
      let errors = Fixture.worstErrors(model, from: state, sizes: sizes, step: 1e-5, using: &rng)
      #expect(errors.tokens < 5e-8, "seed \(seed), tokens")
      #expect(errors.vectors < 5e-8, "seed \(seed), vectors")
    }
  }

  @Test(arguments: [Fixture.Sizes.small, .tiles])
  func stackedInitialStateGradientMatchesCentredDifferences(sizes: Fixture.Sizes) {
    for seed: UInt64 in [1, 2, 3] {
      var (model, state, rng) = Self.stacked(seed: seed, sizes: sizes)
      let h = sizes.hidden
      let error = Fixture.worstInitialStateError(
        model, from: state, sizes: sizes, carryFromFuture: true,
        flatten: { Matrix(vector: $0.lower.elements + $0.upper.elements) },
        unflatten: {
          StackedRNN.State(
            lower: Matrix(vector: Array($0.elements[..<h])), upper: Matrix(vector: Array($0.elements[h...])))
        }, using: &rng)
      #expect(error < 1e-8, "seed \(seed)")
    }
  }

  @Test func stackedForgettingTheFutureTermIsCaught() {
    var (model, state, rng) = Self.stacked(seed: 7, sizes: .small)
    let errors = Fixture.worstErrors(model, from: state, sizes: .small, step: 1e-5, carryFromFuture: false, using: &rng)
    #expect(errors.tokens > 1e-3)
    #expect(errors.vectors > 1e-3)
  }

  /// The stack is the two layers run one after the other: its outputs are those of the
  /// upper layer reading the lower layer's states, and `step` agrees with `forward`.
  @Test func stackedForwardIsTheLayersInTurn() {
    var (model, state, rng) = Self.stacked(seed: 9, sizes: .small)
    let (tokens, _) = Fixture.tokens(&rng, .small)
    let pass = model.forward(.tokens(tokens), from: state)
    let lower = model.lowerLayer.forward(.tokens(tokens), from: state.lower).hiddenStates
    let upper = model.upperLayer.forward(.vectors(lower), from: state.upper)
    #expect(pass.outputs == upper.outputs)
    var stepped = state
    for token in tokens { stepped = model.step(.oneHot(token, size: 3), stepped) }
    #expect((stepped.upper - pass.finalState.upper).maxAbs < 1e-14)
    #expect((stepped.lower - pass.finalState.lower).maxAbs < 1e-14)
  }

  /// Every weight of both directions, and ∂L/∂xₜ, for tokens with cross-entropy and
  /// vectors with squared error.
  @Test(arguments: [Fixture.Sizes.small, .tiles])
  func bidirectionalBackwardMatchesCentredDifferences(sizes: Fixture.Sizes) {
    for seed: UInt64 in [1, 2, 3] {
      var rng = SeededGenerator(seed: seed)
      let model = BidirectionalRNN(
        inputSize: sizes.input, hiddenSize: sizes.hidden, outputSize: sizes.output, weightScale: 0.5, using: &rng)
      let t = Fixture.tokens(&rng, sizes)
      let v = Fixture.vectors(&rng, sizes)
      let cases: [(SequenceInput, ([Matrix]) -> (loss: Double, outputGradients: [Matrix]))] = [
        (.tokens(t.inputs), { softmaxCrossEntropy(outputs: $0, targets: t.targets) }),
        (.vectors(v.inputs), { meanSquaredError(outputs: $0, targets: v.targets) }),
      ]
      for (inputs, loss) in cases {
        let pass = model.forward(inputs)
        let analytic = model.backward(pass, outputGradients: loss(pass.outputs).outputGradients)
        let weights = gradientCheck(model.parameters, gradients: analytic.parameters) { p in
          loss(BidirectionalRNN(parameters: p).forward(inputs).outputs).loss
        }
        for result in weights { #expect(result.relativeError < 1e-8, "seed \(seed), \(result)") }
        guard case .vectors(let xs) = inputs else { continue }
        let dxs = (0..<xs.count).map { step in
          numericalGradient(
            of: { x in
              var probe = xs
              probe[step] = x
              return loss(model.forward(.vectors(probe)).outputs).loss
            }, at: xs[step])
        }
        #expect(relativeError(Matrix(stacking: analytic.inputs), Matrix(stacking: dxs)) < 1e-8, "seed \(seed), inputs")
      }
    }
  }

  /// ←hₜ is the backward layer's state after reading x_T down to xₜ, and →hₜ the
  /// forward layer's after x₁…xₜ: the joined state at t sees the whole sequence, and
  /// changing the last input changes the first output.
  @Test func bidirectionalStatesAreInTimeOrder() {
    var rng = SeededGenerator(seed: 4)
    let model = BidirectionalRNN(inputSize: 3, hiddenSize: 4, outputSize: 3, weightScale: 0.5, using: &rng)
    let (tokens, _) = Fixture.tokens(&rng, .small)
    let pass = model.forward(.tokens(tokens))
    for t in tokens.indices {
      let forward = model.forwardLayer.forward(.tokens(Array(tokens[...t]))).finalState
      let backward = model.backwardLayer.forward(.tokens(tokens[t...].reversed())).finalState
      #expect(pass.states[t] == Matrix(vector: forward.elements + backward.elements), "step \(t)")
    }
    var changed = tokens
    changed[changed.count - 1] = (changed.last! + 1) % 3
    #expect((model.forward(.tokens(changed)).outputs[0] - pass.outputs[0]).maxAbs > 1e-6)
  }

  /// Splitting the joined gradients undoes the join, and puts the backward half in the
  /// backward layer's reading order.
  @Test func splittingUndoesJoining() {
    var rng = SeededGenerator(seed: 6)
    let forward = (0..<5).map { _ in Matrix.random(3, 1, scale: 1, using: &rng) }
    let backward = (0..<5).map { _ in Matrix.random(3, 1, scale: 1, using: &rng) }
    let joined = BidirectionalRNN.joinedStates(forward: forward, backwardInReadingOrder: backward)
    #expect(joined[0] == Matrix(vector: forward[0].elements + backward[4].elements))
    let split = BidirectionalRNN.splitStateGradients(joined, hiddenSize: 3)
    #expect(split.forward == forward)
    #expect(split.backwardInReadingOrder == backward)
  }
}
