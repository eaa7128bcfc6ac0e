import RNN
import Testing

/// Every backward pass agrees with centred differences, on several random small cases,
/// for token and vector inputs, a non-zero starting state, and sizes that run the
/// matrix kernels through their tiles and their remainders.
@Suite struct GradientCheckTests {
  /// A model under check: how to make one with random weights and a random non-zero
  /// starting state, the finite-difference step that suits it, and the largest error a
  /// correct backward pass may show.
  enum Model: String, CaseIterable, CustomStringConvertible {
    case vanilla, lstm, gru

    var description: String { rawValue }

    /// The centred-difference step: each model's own ``ParameterSet/gradientCheckStep``
    /// (1e-5 for the vanilla RNN, 3e-5 for the gated models; their doc comments give
    /// the errors measured here that chose them).
    var step: Double {
      switch self {
      case .vanilla: VanillaRNN.Parameters.gradientCheckStep
      case .lstm: LSTM.Parameters.gradientCheckStep
      case .gru: GRU.Parameters.gradientCheckStep
      }
    }

    /// The bound a correct pass stays under, about fifty times the worst error measured
    /// with `step` (above); a wrong pass scores 1e-3 or more.
    var bound: Double { self == .vanilla ? 1e-8 : 5e-8 }

    /// The worst relative errors (tokens, vectors) for one seed and size, with this
    /// model's step unless `step` is given.
    func worstErrors(seed: UInt64, sizes: Fixture.Sizes, step: Double? = nil, carryFromFuture: Bool = true) -> (
      tokens: Double, vectors: Double
    ) {
      let step = step ?? self.step
      var rng = SeededGenerator(seed: seed)
      let (n, h, o) = (sizes.input, sizes.hidden, sizes.output)
      switch self {
      case .vanilla:
        let model = VanillaRNN(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
        let h0 = Matrix.random(h, 1, scale: 0.5, using: &rng)
        return Fixture.worstErrors(
          model, from: h0, sizes: sizes, step: step, carryFromFuture: carryFromFuture, using: &rng)
      case .lstm:
        let model = LSTM(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
        let state = LSTM.State(h: .random(h, 1, scale: 0.5, using: &rng), c: .random(h, 1, scale: 0.5, using: &rng))
        return Fixture.worstErrors(
          model, from: state, sizes: sizes, step: step, carryFromFuture: carryFromFuture, using: &rng)
      case .gru:
        let model = GRU(inputSize: n, hiddenSize: h, outputSize: o, weightScale: 0.5, using: &rng)
        let h0 = Matrix.random(h, 1, scale: 0.5, using: &rng)
        return Fixture.worstErrors(
          model, from: h0, sizes: sizes, step: step, carryFromFuture: carryFromFuture, using: &rng)
      }
    }
  }

  @Test(arguments: Model.allCases, [Fixture.Sizes.small, .tiles])
  func backwardMatchesCentredDifferences(model: Model, sizes: Fixture.Sizes) {
    for seed: UInt64 in [1, 2, 3] {
      let errors = model.worstErrors(seed: seed, sizes: sizes)
      #expect(errors.tokens < model.bound, "seed \(seed), tokens")
      #expect(errors.vectors < model.bound, "seed \(seed), vectors")
    }
  }

  /// Leaving out the gradient that flows back from step t+1 — the classic BPTT mistake —
  /// fails the same check by many orders of magnitude, for every model.
  @Test(arguments: Model.allCases, [Fixture.Sizes.small, .tiles])
  func forgettingTheFutureTermIsCaught(model: Model, sizes: Fixture.Sizes) {
    let errors = model.worstErrors(seed: 7, sizes: sizes, carryFromFuture: false)
    #expect(errors.tokens > 1e-3)
    #expect(errors.vectors > 1e-3)
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
      // Measured (seeds as below): at most 7.2e-10 for the weights and 3.7e-9 for h₀
      // (one entry alone, so rounding is not averaged against larger ones).
      #expect(relativeError(Matrix(vector: analytic.parameters), numerical) < 3e-8)
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
