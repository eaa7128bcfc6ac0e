import RNN
import Testing

/// Attention's backward pass, the attention decoder's and the whole encoder–decoder's
/// agree with centred differences, for every weight and for the inputs that have a
/// gradient (the query, the encoder's states, the decoder's initial state).
@Suite struct AttentionGradientTests {
  /// A random loss of the context, L = wᵀ·c, and its gradient ∂L/∂c = w.
  static func linearLoss(_ rng: inout SeededGenerator, size: Int) -> Matrix {
    .random(size, 1, scale: 1, using: &rng)
  }

  /// The worst relative error of ∂L/∂q and ∂L/∂H for one random case, with the
  /// analytic ∂L/∂H also returned next to the numerical one.
  static func attentionErrors(seed: UInt64, positions: Int, size: Int) -> (
    query: Double, states: Double, contextPathOnly: Double
  ) {
    var rng = SeededGenerator(seed: seed)
    let H = Matrix.random(positions, size, scale: 1, using: &rng)
    let q = Matrix.random(size, 1, scale: 1, using: &rng)
    let w = linearLoss(&rng, size: size)
    let attention = Attention(query: q, over: H)
    var dH = Matrix.zeros(positions, size)
    let dq = attention.backward(contextGradient: w, statesGradient: &dH)
    let loss: (Matrix, Matrix) -> Double = { q, H in (w.T * Attention(query: q, over: H).context)[0] }
    let numericalQ = numericalGradient(of: { loss($0, H) }, at: q)
    let numericalH = numericalGradient(of: { loss(q, $0) }, at: H)
    // The mistake of forgetting that H also makes the scores: only the context's path.
    let contextPathOnly = attention.weights * w.T
    return (
      relativeError(dq, numericalQ), relativeError(dH, numericalH), relativeError(contextPathOnly, numericalH)
    )
  }

  /// Measured over these seeds and sizes: at most 1.3e-10 for q and 2.9e-11 for H; the
  /// context's path alone is off by 3.0e-2 at least.
  @Test(arguments: [(3, 4), (7, 9), (12, 5)])
  func attentionMatchesCentredDifferences(positions: Int, size: Int) {
    for seed: UInt64 in [1, 2, 3] {
      let errors = Self.attentionErrors(seed: seed, positions: positions, size: size)
      #expect(errors.query < 1e-8, "seed \(seed), query")
      #expect(errors.states < 1e-8, "seed \(seed), states")
      #expect(errors.contextPathOnly > 1e-3, "seed \(seed): the scores' path must matter")
    }
  }

  /// The softmax runs over the source positions: the weights sum to 1, the context is
  /// their average of the rows of H, and a score far above the rest takes all the weight
  /// without overflowing.
  @Test func weightsAndContext() {
    let H = Matrix([[1, 0], [0, 1], [1, 1]])
    let a = Attention(query: Matrix(vector: [800, 0]), over: H)
    #expect(abs(a.weights.sum - 1) < 1e-12)
    #expect(abs(a.weights[1]) < 1e-12)
    #expect(abs(a.weights[0] - 0.5) < 1e-12 && abs(a.weights[2] - 0.5) < 1e-12)
    #expect((a.context - Matrix(vector: [1, 0.5])).maxAbs < 1e-12)
    let uniform = Attention(query: .zeros(2), over: H)
    #expect((uniform.context - Matrix(vector: [2.0 / 3, 2.0 / 3])).maxAbs < 1e-12)
  }

  /// A random decoder, encoder states, initial state, tokens and targets.
  struct DecoderCase {
    let decoder: AttentionDecoder
    let H: Matrix
    let s0: Matrix
    let inputs: [Int]
    let targets: [Int]

    init(seed: UInt64, positions: Int = 5, hidden: Int = 4, encoderSize: Int = 3, vocabulary: Int = 6, steps: Int = 6) {
      var rng = SeededGenerator(seed: seed)
      decoder = AttentionDecoder(
        inputSize: vocabulary, hiddenSize: hidden, encoderSize: encoderSize, outputSize: vocabulary,
        weightScale: 0.5, using: &rng)
      H = .random(positions, encoderSize, scale: 1, using: &rng)
      s0 = .random(hidden, 1, scale: 0.5, using: &rng)
      inputs = (0..<steps).map { _ in rng.integer(below: vocabulary) }
      targets = (0..<steps).map { _ in rng.integer(below: vocabulary) }
    }

    func loss(_ decoder: AttentionDecoder, H: Matrix, s0: Matrix) -> Double {
      softmaxCrossEntropy(
        outputs: decoder.forward(.tokens(inputs), encoderStates: H, from: s0).outputs, targets: targets
      )
      .loss
    }
  }

  /// Measured over these seeds: at most 2.9e-9 for the weights, 5.4e-11 for H and 9.3e-11
  /// for s₀; the bound is the GRU's (see GradientCheckTests).
  @Test func attentionDecoderMatchesCentredDifferences() {
    for seed: UInt64 in [1, 2, 3] {
      let c = DecoderCase(seed: seed)
      let pass = c.decoder.forward(.tokens(c.inputs), encoderStates: c.H, from: c.s0)
      let dys = softmaxCrossEntropy(outputs: pass.outputs, targets: c.targets).outputGradients
      let analytic = c.decoder.backward(pass, outputGradients: dys)
      let results = gradientCheck(c.decoder.parameters, gradients: analytic.parameters) { p in
        c.loss(AttentionDecoder(parameters: p), H: c.H, s0: c.s0)
      }
      for result in results { #expect(result.relativeError < 5e-8, "seed \(seed), \(result)") }
      let step = AttentionDecoder.Parameters.gradientCheckStep
      let dH = numericalGradient(of: { c.loss(c.decoder, H: $0, s0: c.s0) }, at: c.H, step: step)
      let ds0 = numericalGradient(of: { c.loss(c.decoder, H: c.H, s0: $0) }, at: c.s0, step: step)
      #expect(relativeError(analytic.encoderStates, dH) < 5e-8, "seed \(seed), encoder states")
      #expect(relativeError(analytic.initialState, ds0) < 5e-8, "seed \(seed), initial state")
    }
  }

  /// The whole model, encoder included: every weight of both GRUs and of attention.
  /// Measured over these seeds and sizes: at most 7.6e-9.
  @Test(arguments: [(4, 3), (9, 7)])
  func encoderDecoderMatchesCentredDifferences(hidden: Int, length: Int) {
    for seed: UInt64 in [1, 2, 3] {
      var rng = SeededGenerator(seed: seed)
      let model = AttentionEncoderDecoder(vocabularySize: 7, hiddenSize: hidden, weightScale: 0.5, using: &rng)
      let source = (0..<length).map { _ in rng.integer(below: 7) }
      let input = (0...length).map { _ in rng.integer(below: 7) }
      let target = (0...length).map { _ in rng.integer(below: 7) }
      let analytic = model.lossAndGradients(source: source, decoderInput: input, target: target)
      let results = gradientCheck(model.parameters, gradients: analytic.gradients) { p in
        AttentionEncoderDecoder(parameters: p).lossAndGradients(source: source, decoderInput: input, target: target)
          .loss
      }
      #expect(results.count == 22)
      for result in results { #expect(result.relativeError < 5e-8, "seed \(seed), \(result)") }
    }
  }

  /// Greedy decoding, one step at a time, computes what the forward pass computes when
  /// it is fed the tokens the decoding wrote: the same tokens and the same weights.
  @Test func greedyDecodingAgreesWithTheForwardPass() {
    var rng = SeededGenerator(seed: 4)
    let model = AttentionEncoderDecoder(vocabularySize: 6, hiddenSize: 5, weightScale: 0.8, using: &rng)
    let source = [1, 3, 0, 2, 2]
    let decoded = model.greedyDecode(source: source, begin: 4, end: 5, maxLength: 7)
    #expect(decoded.tokens.count >= 3 && decoded.tokens.count == decoded.weights.count)
    let pass = model.forward(source: source, decoderInput: [4] + decoded.tokens.dropLast())
    #expect(pass.outputs.map(\.argmax) == decoded.tokens)
    for (a, w) in zip(pass.decoder.attention, decoded.weights) { #expect((a.weights - w).maxAbs < 1e-12) }
  }
}
