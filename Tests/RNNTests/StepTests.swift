import RNN
import Testing

/// A single step, `step(x, state)`, is the forward pass's recurrence: stepping through
/// a sequence by hand reaches the same states, for vectors and for tokens.
@Suite struct StepTests {
  static func check<M: RecurrentModel>(
    _ model: M, from state: M.State, inputSize: Int, equal: (M.State, M.State) -> Bool, using rng: inout SeededGenerator
  ) {
    let xs = (0..<7).map { _ in Matrix.random(inputSize, 1, scale: 1, using: &rng) }
    var stepped = state
    for x in xs { stepped = model.step(x, stepped) }
    #expect(equal(stepped, model.forward(.vectors(xs), from: state).finalState))
    let tokens = (0..<7).map { _ in rng.integer(below: inputSize) }
    var byToken = state
    var byOneHot = state
    for token in tokens {
      byToken = model.step(token: token, byToken)
      byOneHot = model.step(.oneHot(token, size: inputSize), byOneHot)
    }
    #expect(equal(byToken, model.forward(.tokens(tokens), from: state).finalState))
    #expect(equal(byToken, byOneHot))
  }

  /// Equal to 1e-14: a one-hot product and a column lookup may round differently.
  static func close(_ a: Matrix, _ b: Matrix) -> Bool { (a - b).maxAbs < 1e-14 }

  @Test func everyCellStepsLikeItsForwardPass() {
    var rng = SeededGenerator(seed: 21)
    let rnn = VanillaRNN(inputSize: 5, hiddenSize: 6, outputSize: 3, weightScale: 0.5, using: &rng)
    Self.check(rnn, from: .random(6, 1, scale: 0.5, using: &rng), inputSize: 5, equal: Self.close, using: &rng)
    let lstm = LSTM(inputSize: 5, hiddenSize: 6, outputSize: 3, weightScale: 0.5, using: &rng)
    let state = LSTM.State(h: .random(6, 1, scale: 0.5, using: &rng), c: .random(6, 1, scale: 0.5, using: &rng))
    Self.check(
      lstm, from: state, inputSize: 5, equal: { Self.close($0.h, $1.h) && Self.close($0.c, $1.c) }, using: &rng)
    let gru = GRU(inputSize: 5, hiddenSize: 6, outputSize: 3, weightScale: 0.5, using: &rng)
    Self.check(gru, from: .random(6, 1, scale: 0.5, using: &rng), inputSize: 5, equal: Self.close, using: &rng)
  }

  /// The step changes the state: a check that could fail if `step` returned its input.
  @Test func aStepMovesTheState() {
    var rng = SeededGenerator(seed: 22)
    let gru = GRU(inputSize: 2, hiddenSize: 3, outputSize: 1, weightScale: 0.5, using: &rng)
    let h = Matrix.random(3, 1, scale: 0.5, using: &rng)
    #expect((gru.step(Matrix(vector: [1, -1]), h) - h).maxAbs > 1e-3)
  }
}
