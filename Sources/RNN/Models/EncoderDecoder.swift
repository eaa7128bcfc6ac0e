/// A sequence-to-sequence model (Sutskever et al., 2014; Cho et al., 2014): a GRU
/// encoder reads the source, and a GRU decoder, starting from the encoder's last state,
/// writes the target one token at a time.
///
///     hₜ = GRU_enc(xₜ, hₜ₋₁),  h₀ = 0                 t = 1…L
///     s₀ = h_L
///     sₜ = GRU_dec(uₜ, sₜ₋₁),  yₜ = W_hy·sₜ + b_y     t = 1…T
///     p(·) = softmax(yₜ)
///
/// Tokens enter both GRUs as one-hot vectors (a column lookup). uₜ is the token the
/// decoder wrote at step t − 1, or the begin token at t = 1. In training uₜ is the
/// *correct* previous token (teacher forcing); in decoding it is the model's own.
///
/// The whole source reaches the decoder through one vector, h_L, whatever its length.
public struct EncoderDecoder: Sendable {
  /// The encoder's and the decoder's weights.
  public struct Parameters: ParameterSet {
    /// The encoder GRU. Its output layer (`Why`, `by`) is never used: the decoder reads
    /// only its last state, and the layer is left out of ``parameterPaths``.
    public var encoder: GRU.Parameters
    /// The decoder GRU, whose output layer gives the scores yₜ over the vocabulary.
    public var decoder: GRU.Parameters

    /// The encoder's nine recurrent matrices ("encoder.Wz", …) and the decoder's
    /// eleven ("decoder.Wz", …, "decoder.Why", "decoder.by").
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] { paths }

    /// The paths, composed once: composing key paths at every update cost more than the
    /// update of the small models that use them. Key paths are immutable once made, so
    /// sharing them between threads is safe, though the type system does not know it.
    nonisolated(unsafe) private static let paths: [(name: String, path: WritableKeyPath<Self, Matrix>)] = {
      let encoderPath: WritableKeyPath<Self, GRU.Parameters> = \.encoder
      let decoderPath: WritableKeyPath<Self, GRU.Parameters> = \.decoder
      let recurrent = GRU.Parameters.parameterPaths.filter { $0.name != "Why" && $0.name != "by" }
      return recurrent.map { ("encoder." + $0.name, encoderPath.appending(path: $0.path)) }
        + GRU.Parameters.parameterPaths.map { ("decoder." + $0.name, decoderPath.appending(path: $0.path)) }
    }()

    /// The GRU's step, 3e-5.
    public static var gradientCheckStep: Double { GRU.Parameters.gradientCheckStep }

    /// The two GRUs' weights.
    public init(encoder: GRU.Parameters, decoder: GRU.Parameters) {
      self.encoder = encoder
      self.decoder = decoder
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// An encoder–decoder over `vocabularySize` tokens with `hiddenSize` units in each
  /// GRU, normal weights times `weightScale` and zero biases.
  public init(vocabularySize: Int, hiddenSize: Int, weightScale: Double = 0.1, using rng: inout SeededGenerator) {
    let encoder = GRU(
      inputSize: vocabularySize, hiddenSize: hiddenSize, outputSize: 1, weightScale: weightScale, using: &rng)
    let decoder = GRU(
      inputSize: vocabularySize, hiddenSize: hiddenSize, outputSize: vocabularySize, weightScale: weightScale,
      using: &rng)
    parameters = Parameters(encoder: encoder.parameters, decoder: decoder.parameters)
  }

  /// An encoder–decoder with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The encoder GRU.
  public var encoder: GRU { GRU(parameters: parameters.encoder) }
  /// The decoder GRU.
  public var decoder: GRU { GRU(parameters: parameters.decoder) }
  /// The size of hₜ and sₜ.
  public var hiddenSize: Int { parameters.encoder.Uz.rows }

  /// Reads the source from h₀ = 0: every encoder state, the last one being s₀.
  public func encode(_ source: [Int]) -> GRU.Pass {
    encoder.forward(.tokens(source), from: encoder.initialState)
  }

  /// One decoder step: from state s and the token just written, the next state and
  /// the log-probabilities of every token.
  public func decoderStep(_ token: Int, _ state: Matrix) -> (state: Matrix, logProbabilities: Matrix) {
    let pass = decoder.forward(.tokens([token]), from: state)
    return (pass.finalState, logSoftmax(pass.outputs[0]))
  }

  /// The summed cross-entropy −Σₜ log p(targetₜ) with teacher forcing (the decoder
  /// reads `decoderInput`, the correct tokens shifted by one step), and the gradient of
  /// every weight: the decoder's by backpropagation through time, then ∂L/∂s₀, which
  /// enters the encoder at its last state.
  public func lossAndGradients(source: [Int], decoderInput: [Int], target: [Int]) -> (
    loss: Double, gradients: Parameters
  ) {
    let encoded = encode(source)
    let decoded = decoder.forward(.tokens(decoderInput), from: encoded.finalState)
    let (loss, dys) = softmaxCrossEntropy(outputs: decoded.outputs, targets: target)
    let (decoderGradients, dContext) = decoder.backwardWithInitialState(decoded, outputGradients: dys)
    let noneAlongTheWay = [Matrix](repeating: .zeros(hiddenSize), count: source.count)
    let encoderGradients = encoder.backward(encoded, stateGradients: noneAlongTheWay, finalStateGradient: dContext)
    return (loss, Parameters(encoder: encoderGradients.parameters, decoder: decoderGradients))
  }

  /// The teacher-forced loss alone, −Σₜ log p(targetₜ).
  public func loss(source: [Int], decoderInput: [Int], target: [Int]) -> Double {
    let decoded = decoder.forward(.tokens(decoderInput), from: encode(source).finalState)
    return softmaxCrossEntropy(outputs: decoded.outputs, targets: target).loss
  }

  /// The most likely token at every step when the decoder reads the correct previous
  /// tokens (`decoderInput`): what the training objective scores.
  public func teacherForcedPredictions(source: [Int], decoderInput: [Int]) -> [Int] {
    decoder.forward(.tokens(decoderInput), from: encode(source).finalState).outputs.map(\.argmax)
  }

  /// Greedy decoding: from `begin`, feed back the most likely token each step, until
  /// `end` is written or `maxLength` tokens are; the tokens (with `end`, if written) and
  /// their summed log-probability.
  public func greedyDecode(source: [Int], begin: Int, end: Int, maxLength: Int) -> (
    tokens: [Int], logProbability: Double
  ) {
    var state = encode(source).finalState
    var token = begin
    var tokens: [Int] = []
    var logProbability = 0.0
    while tokens.count < maxLength {
      let next = decoderStep(token, state)
      state = next.state
      token = next.logProbabilities.argmax
      logProbability += next.logProbabilities[token]
      tokens.append(token)
      if token == end { break }
    }
    return (tokens, logProbability)
  }
}
