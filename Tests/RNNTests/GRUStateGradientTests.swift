import RNN
import Testing

/// The GRU's backward pass from gradients that arrive at its states (an encoder's):
/// every weight, the initial state and every input agree with centred differences.
@Suite struct GRUStateGradientTests {
  /// A random GRU, a random non-zero starting state, random vector inputs, and a loss
  /// that reads every state and, separately, the last one:
  /// L = Σₜ cₜ·tanh(hₜ) + d·h_T, so gₜ = cₜ ⊙ (1 − tanh²(hₜ)) and ∂L/∂h_T gains d.
  struct Case {
    let gru: GRU
    let h0: Matrix
    let inputs: [Matrix]
    let readers: [Matrix]
    let last: Matrix

    init(seed: UInt64, sizes: Fixture.Sizes) {
      var rng = SeededGenerator(seed: seed)
      gru = GRU(
        inputSize: sizes.input, hiddenSize: sizes.hidden, outputSize: sizes.output, weightScale: 0.5, using: &rng)
      h0 = .random(sizes.hidden, 1, scale: 0.5, using: &rng)
      inputs = (0..<Fixture.steps).map { _ in .random(sizes.input, 1, scale: 1, using: &rng) }
      readers = (0..<Fixture.steps).map { _ in .random(sizes.hidden, 1, scale: 1, using: &rng) }
      last = .random(sizes.hidden, 1, scale: 1, using: &rng)
    }

    func loss(_ gru: GRU, h0: Matrix, inputs: [Matrix]) -> Double {
      let pass = gru.forward(.vectors(inputs), from: h0)
      var total = 0.0
      for (step, c) in zip(pass.steps, readers) { total += (c .* tanh(step.h)).sum }
      return total + (last .* pass.finalState).sum
    }

    func analytic(withFinal: Bool = true) -> (parameters: GRU.Parameters, initialState: Matrix, inputs: [Matrix]) {
      let pass = gru.forward(.vectors(inputs), from: h0)
      let g = zip(pass.steps, readers).map { step, c in
        c .* (1 - tanh(step.h) .* tanh(step.h))
      }
      return gru.backward(pass, stateGradients: g, finalStateGradient: withFinal ? last : nil)
    }

    /// The worst relative error over the weights, h₀ and the inputs.
    func worstError(withFinal: Bool = true) -> Double {
      let a = analytic(withFinal: withFinal)
      var errors = gradientCheck(gru.parameters, gradients: a.parameters) { p in
        loss(GRU(parameters: p), h0: h0, inputs: inputs)
      }.map(\.relativeError)
      let step = GRU.Parameters.gradientCheckStep
      errors.append(
        relativeError(
          a.initialState, numericalGradient(of: { loss(gru, h0: $0, inputs: inputs) }, at: h0, step: step)))
      for t in inputs.indices {
        let numerical = numericalGradient(
          of: { x in
            var probe = inputs
            probe[t] = x
            return loss(gru, h0: h0, inputs: probe)
          }, at: inputs[t], step: step)
        errors.append(relativeError(a.inputs[t], numerical))
      }
      return errors.max()!
    }
  }

  /// Measured: at most 1.2e-9 over both sizes and three seeds; the bound is about forty
  /// times that. A pass that drops the last state's gradient (below) scores 0.33.
  @Test(arguments: [Fixture.Sizes.small, .tiles])
  func stateGradientsMatchCentredDifferences(sizes: Fixture.Sizes) {
    for seed: UInt64 in [1, 2, 3] {
      #expect(Case(seed: seed, sizes: sizes).worstError() < 5e-8, "seed \(seed)")
    }
  }

  /// Leaving out the gradient that reaches the last state from outside fails the check.
  @Test func droppingTheFinalStateGradientIsCaught() {
    #expect(Case(seed: 7, sizes: .small).worstError(withFinal: false) > 1e-3)
  }

  /// Given gₜ = W_hyᵀ·∂L/∂yₜ, the pass agrees with the ordinary backward pass through
  /// the output layer, for every recurrent weight and the initial state, with token
  /// inputs too.
  @Test func agreesWithTheOutputLayersBackwardPass() {
    var rng = SeededGenerator(seed: 5)
    let sizes = Fixture.Sizes.tiles
    let gru = GRU(
      inputSize: sizes.input, hiddenSize: sizes.hidden, outputSize: sizes.output, weightScale: 0.5, using: &rng)
    let h0 = Matrix.random(sizes.hidden, 1, scale: 0.5, using: &rng)
    let (tokens, targets) = Fixture.tokens(&rng, sizes)
    let pass = gru.forward(.tokens(tokens), from: h0)
    let dys = softmaxCrossEntropy(outputs: pass.outputs, targets: targets).outputGradients
    let expected = gru.backwardWithInitialState(pass, outputGradients: dys)
    let got = gru.backward(pass, stateGradients: dys.map { gru.parameters.Why.T * $0 })
    for (name, path) in GRU.Parameters.parameterPaths where name != "Why" && name != "by" {
      #expect(relativeError(got.parameters[keyPath: path], expected.parameters[keyPath: path]) < 1e-12, "\(name)")
    }
    #expect(got.parameters.Why.maxAbs == 0 && got.parameters.by.maxAbs == 0)
    #expect(relativeError(got.initialState, expected.initialState) < 1e-12)
    #expect(got.inputs.count == tokens.count && got.inputs.allSatisfy { $0.count == sizes.input })
  }

  /// A batch read side by side, with gradients arriving at every state and at the last
  /// one, gives each sequence's initial-state gradient and the weights' gradients summed
  /// over the sequences, as the pass above does for them one by one.
  @Test func aBatchWithStateGradientsIsItsSequencesSummed() {
    var rng = SeededGenerator(seed: 6)
    let (hidden, batch, steps) = (9, 5, 4)
    let gru = GRU(inputSize: 7, hiddenSize: hidden, outputSize: 3, weightScale: 0.5, using: &rng)
    let tokens = (0..<batch).map { _ in (0..<steps).map { _ in rng.integer(below: 7) } }
    let starts = (0..<batch).map { _ in Matrix.random(hidden, 1, scale: 0.5, using: &rng) }
    let external = (0..<batch).map { _ in (0..<steps).map { _ in Matrix.random(hidden, 1, scale: 1, using: &rng) } }
    let finals = (0..<batch).map { _ in Matrix.random(hidden, 1, scale: 1, using: &rng) }
    func sideBySide(_ columns: [Matrix]) -> Matrix {
      var m = Matrix.zeros(hidden, columns.count)
      for (b, column) in columns.enumerated() { for i in 0..<hidden { m[i, b] = column[i] } }
      return m
    }
    let pass = gru.forwardBatch(tokens: (0..<steps).map { t in tokens.map { $0[t] } }, from: sideBySide(starts))
    let batched = gru.backwardBatch(
      pass, outputGradients: nil, stateGradients: (0..<steps).map { t in sideBySide(external.map { $0[t] }) },
      finalStateGradient: sideBySide(finals))
    var summed = gru.parameters.zeros()
    for b in 0..<batch {
      let one = gru.backward(
        gru.forward(.tokens(tokens[b]), from: starts[b]), stateGradients: external[b], finalStateGradient: finals[b])
      summed.add(one.parameters)
      #expect(relativeError(batched.initialState.column(b), one.initialState) < 1e-12, "sequence \(b)")
    }
    for (name, path) in GRU.Parameters.parameterPaths {
      #expect(relativeError(batched.parameters[keyPath: path], summed[keyPath: path]) < 1e-12, "\(name)")
    }
  }
}
