import Foundation
import RNN
import Testing

/// The encoder–decoder's gradients through decoder and encoder, and its decoders:
/// greedy, beam search and one beam step.
@Suite struct EncoderDecoderTests {
  /// A small random model and one example of the reversal task.
  static func model(seed: UInt64, hiddenSize: Int) -> (EncoderDecoder, ReversalTask.Example) {
    var rng = SeededGenerator(seed: seed)
    let model = EncoderDecoder(
      vocabularySize: ReversalTask.vocabularySize, hiddenSize: hiddenSize, weightScale: 0.5, using: &rng)
    let source = (0..<4).map { _ in rng.integer(below: ReversalTask.digitCount) }
    return (model, ReversalTask.Example(source: source))
  }

  /// Every weight of both GRUs agrees with centred differences of the teacher-forced
  /// loss; the encoder's gradients arrive only through s₀ = h_L. Measured: at most
  /// 3.9e-9 over the seeds and sizes below; the bound is about thirteen times that.
  @Test(arguments: [4, 9])
  func gradientsMatchCentredDifferences(hiddenSize: Int) {
    for seed: UInt64 in [1, 2, 3] {
      let (model, example) = Self.model(seed: seed, hiddenSize: hiddenSize)
      let (source, input, target) = (example.source, example.decoderInput, example.target)
      let analytic = model.lossAndGradients(source: source, decoderInput: input, target: target)
      #expect(abs(analytic.loss - model.loss(source: source, decoderInput: input, target: target)) < 1e-12)
      let results = gradientCheck(model.parameters, gradients: analytic.gradients) { p in
        EncoderDecoder(parameters: p).loss(source: source, decoderInput: input, target: target)
      }
      #expect(results.count == 20)
      for result in results {
        #expect(result.relativeError < 5e-8, "seed \(seed), \(result.name)")
      }
      #expect(analytic.gradients.encoder.Uz.maxAbs > 1e-6, "the encoder receives a gradient")
    }
  }

  /// Width 1 keeps only the most likely next token: greedy decoding, token for token
  /// and in log-probability.
  @Test func beamOfWidthOneIsGreedy() {
    for seed: UInt64 in [1, 2, 3, 4] {
      let (model, example) = Self.model(seed: seed, hiddenSize: 6)
      let greedy = model.greedyDecode(
        source: example.source, begin: ReversalTask.begin, end: ReversalTask.end, maxLength: 6)
      let beam = model.beamSearch(
        source: example.source, width: 1, begin: ReversalTask.begin, end: ReversalTask.end, maxLength: 6)
      #expect(beam.count == 1)
      #expect(beam[0].tokens == greedy.tokens)
      #expect(abs(beam[0].logProbability - greedy.logProbability) < 1e-12)
    }
  }

  /// A beam wide enough to keep every hypothesis finds the most likely output of all,
  /// found here by listing every output over three tokens up to length 4; and each
  /// hypothesis's score is the log-probability teacher forcing gives the same tokens.
  @Test func aWideEnoughBeamIsExhaustiveSearch() {
    var rng = SeededGenerator(seed: 9)
    let model = EncoderDecoder(vocabularySize: 3, hiddenSize: 5, weightScale: 1, using: &rng)
    let (begin, end, maxLength) = (0, 2, 4)
    let source = [1, 0, 1]
    func logProbability(_ tokens: [Int]) -> Double {
      -model.loss(source: source, decoderInput: [begin] + tokens.dropLast(), target: tokens)
    }
    var outputs: [[Int]] = [[]]
    var complete: [[Int]] = []
    for _ in 0..<maxLength {
      outputs = outputs.flatMap { prefix in (0..<3).map { prefix + [$0] } }
      complete += outputs.filter { $0.last == end }
      outputs.removeAll { $0.last == end }
    }
    complete += outputs
    let best = complete.max { logProbability($0) < logProbability($1) }!
    let beam = model.beamSearch(source: source, width: 100, begin: begin, end: end, maxLength: maxLength)
    #expect(beam[0].tokens == best)
    for hypothesis in beam {
      #expect(abs(hypothesis.logProbability - logProbability(hypothesis.tokens)) < 1e-10)
    }
    #expect(zip(beam, beam.dropFirst()).allSatisfy { $0.logProbability >= $1.logProbability })
  }

  /// One step by hand: scores add in log space, a finished hypothesis is carried over
  /// and competes, and only the best `width` are kept.
  @Test func oneBeamStepByHand() {
    let state = Matrix.zeros(1)
    let beams = [
      BeamHypothesis(tokens: [0], logProbability: log(0.5), state: state, isFinished: false),
      BeamHypothesis(tokens: [1, 2], logProbability: log(0.3), state: state, isFinished: true),
      BeamHypothesis(tokens: [1], logProbability: log(0.2), state: state, isFinished: false),
    ]
    let next: [[Double]] = [[0.1, 0.5, 0.4], [0.9, 0.05, 0.05]]
    let kept = beamSearchStep(beams, width: 3, end: 2) { hypothesis in
      (state, Matrix(vector: next[hypothesis.tokens == [0] ? 0 : 1].map { log($0) }))
    }
    #expect(kept.map(\.tokens) == [[1, 2], [0, 1], [0, 2]])
    #expect(kept.map(\.isFinished) == [true, false, true])
    #expect(abs(kept[1].logProbability - log(0.25)) < 1e-12)
  }

  /// Log-probabilities are the logarithms of softmax's probabilities, and stay finite
  /// where a probability rounds to 0.
  @Test func logSoftmaxIsTheLogarithmOfSoftmax() {
    let z = Matrix(vector: [2, -1, 0.5, 3])
    #expect(relativeError(logSoftmax(z), softmax(z).map { log($0) }) < 1e-15)
    let far = logSoftmax(Matrix(vector: [0, -800, 800]))
    #expect(far.elements.allSatisfy { $0.isFinite })
    #expect(abs(far[1] + 1600) < 1e-9 && abs(far[2]) < 1e-12)
  }

  /// A minibatch read side by side gives the loss and gradients of its examples read one
  /// by one (whose gradients the check above covers), summed; and ∂L/∂h₀ of a batched
  /// GRU pass is each sequence's own, column by column.
  @Test func aBatchIsTheSumOfItsExamples() {
    var rng = SeededGenerator(seed: 8)
    let model = EncoderDecoder(
      vocabularySize: ReversalTask.vocabularySize, hiddenSize: 9, weightScale: 0.5, using: &rng)
    let task = ReversalTask(length: 5, heldOutCount: 10, using: &rng)
    let examples = task.trainingExamples(count: 6, using: &rng)
    let batched = model.batchLossAndGradients(
      sources: examples.map(\.source), decoderInputs: examples.map(\.decoderInput), targets: examples.map(\.target))
    var loss = 0.0
    var gradients = model.parameters.zeros()
    for e in examples {
      let one = model.lossAndGradients(source: e.source, decoderInput: e.decoderInput, target: e.target)
      loss += one.loss
      gradients.add(one.gradients)
    }
    #expect(abs(batched.loss - loss) < 1e-10 * loss)
    for (name, path) in EncoderDecoder.Parameters.parameterPaths {
      #expect(relativeError(batched.gradients[keyPath: path], gradients[keyPath: path]) < 1e-12, "\(name)")
    }
    let decoder = model.decoder
    let states = (0..<examples.count).map { _ in Matrix.random(9, 1, scale: 0.5, using: &rng) }
    var initial = Matrix.zeros(9, examples.count)
    for (b, h) in states.enumerated() { for i in 0..<9 { initial[i, b] = h[i] } }
    let pass = decoder.forwardBatch(tokens: (0..<6).map { t in examples.map { $0.target[t] } }, from: initial)
    let dys = decoder.outputs(pass).map { y in
      var dy = y
      dy.updateEach { 0.3 * $0 }
      return dy
    }
    let dInitial = decoder.backwardBatch(pass, outputGradients: dys).initialState
    for (b, h) in states.enumerated() {
      let one = decoder.forward(.tokens(examples[b].target), from: h)
      let oneDys = dys.map { $0.column(b) }
      #expect(relativeError(one.finalState, pass.finalState.column(b)) < 1e-14)
      let expected = decoder.backwardWithInitialState(one, outputGradients: oneDys).initialState
      #expect(relativeError(dInitial.column(b), expected) < 1e-12)
    }
  }
}
