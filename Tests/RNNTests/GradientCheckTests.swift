import RNN
import Testing

/// Every backward pass agrees with centred differences to better than 1e-7, on several
/// random small cases, for token and vector inputs and a non-zero starting state.
@Suite struct GradientCheckTests {
  static let seeds: [UInt64] = [1, 2, 3]

  @Test(arguments: seeds) func vanillaRNN(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let model = VanillaRNN(
      inputSize: Fixture.inputSize, hiddenSize: Fixture.hiddenSize, outputSize: Fixture.outputSize,
      weightScale: 0.5, using: &rng)
    let h0 = Matrix.random(Fixture.hiddenSize, 1, scale: 0.5, using: &rng)
    let t = Fixture.tokens(&rng)
    #expect(Fixture.worstError(model, from: h0, inputs: t.inputs, targets: t.targets) < 1e-7)
    let v = Fixture.vectors(&rng)
    #expect(Fixture.worstError(model, from: h0, inputs: v.inputs, targets: v.targets) < 1e-7)
  }

  @Test(arguments: seeds) func lstm(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let model = LSTM(
      inputSize: Fixture.inputSize, hiddenSize: Fixture.hiddenSize, outputSize: Fixture.outputSize,
      weightScale: 0.5, using: &rng)
    let state = LSTM.State(
      h: .random(Fixture.hiddenSize, 1, scale: 0.5, using: &rng),
      c: .random(Fixture.hiddenSize, 1, scale: 0.5, using: &rng))
    let t = Fixture.tokens(&rng)
    #expect(Fixture.worstError(model, from: state, inputs: t.inputs, targets: t.targets) < 1e-7)
    let v = Fixture.vectors(&rng)
    #expect(Fixture.worstError(model, from: state, inputs: v.inputs, targets: v.targets) < 1e-7)
  }

  @Test(arguments: seeds) func gru(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let model = GRU(
      inputSize: Fixture.inputSize, hiddenSize: Fixture.hiddenSize, outputSize: Fixture.outputSize,
      weightScale: 0.5, using: &rng)
    let h0 = Matrix.random(Fixture.hiddenSize, 1, scale: 0.5, using: &rng)
    let t = Fixture.tokens(&rng)
    #expect(Fixture.worstError(model, from: h0, inputs: t.inputs, targets: t.targets) < 1e-7)
    let v = Fixture.vectors(&rng)
    #expect(Fixture.worstError(model, from: h0, inputs: v.inputs, targets: v.targets) < 1e-7)
  }

  /// Leaving out the gradient that flows back from step t+1 — the classic BPTT mistake —
  /// fails the same check by many orders of magnitude, for every model.
  @Test func forgettingTheFutureTermIsCaught() {
    var rng = SeededGenerator(seed: 7)
    let (n, h, o) = (Fixture.inputSize, Fixture.hiddenSize, Fixture.outputSize)
    let rnn = VanillaRNN(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let lstm = LSTM(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let gru = GRU(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
    let t = Fixture.tokens(&rng)
    let errors = [
      Fixture.worstError(rnn, from: rnn.initialState, inputs: t.inputs, targets: t.targets, carryFromFuture: false),
      Fixture.worstError(lstm, from: lstm.initialState, inputs: t.inputs, targets: t.targets, carryFromFuture: false),
      Fixture.worstError(gru, from: gru.initialState, inputs: t.inputs, targets: t.targets, carryFromFuture: false),
    ]
    for error in errors { #expect(error > 1e-3) }
  }

  @Test func scalarRNN() {
    var rng = SeededGenerator(seed: 11)
    for _ in 0..<5 {
      let rnn = ScalarRNN(
        wxh: rng.normal(), whh: rng.normal(), bh: rng.normal(mean: 0, standardDeviation: 0.3),
        why: rng.normal(), by: rng.normal(mean: 0, standardDeviation: 0.3))
      let inputs = (0..<8).map { _ in rng.normal() }
      let targets = (0..<8).map { _ in rng.normal() }
      let h0 = rng.normal(mean: 0, standardDeviation: 0.5)
      let analytic = rnn.backward(rnn.forward(inputs, h0: h0), targets: targets)
      let numerical = numericalGradient(
        of: { w in
          var probe = rnn
          probe.parameters = w.elements
          return probe.loss(inputs, targets: targets, h0: h0)
        }, at: Matrix(vector: rnn.parameters))
      #expect(relativeError(Matrix(vector: analytic.parameters), numerical) < 1e-7)
      let dh0 = numericalGradient(of: { rnn.loss(inputs, targets: targets, h0: $0[0]) }, at: Matrix(vector: [h0]))
      #expect(relativeError(Matrix(vector: [analytic.dInitialHidden]), dh0) < 1e-7)
      let wrong = rnn.backward(rnn.forward(inputs, h0: h0), targets: targets, carryFromFuture: false)
      #expect(relativeError(Matrix(vector: wrong.parameters), numerical) > 1e-3)
    }
  }

  /// The check itself: an exact gradient scores near zero, a gradient off by 1% does not.
  @Test func relativeErrorSeparatesRightFromWrong() {
    let f: (Matrix) -> Double = { x in x[0] * x[0] * x[1] + 3 * x[1] }
    let x = Matrix(vector: [1.5, -2])
    let exact = Matrix(vector: [2 * 1.5 * -2, 1.5 * 1.5 + 3])
    let numerical = numericalGradient(of: f, at: x)
    #expect(relativeError(exact, numerical) < 1e-9)
    #expect(relativeError(1.01 * exact, numerical) > 1e-3)
    #expect(relativeError(Matrix.zeros(2), Matrix.zeros(2)) == 0)
  }
}
