/// An encoder–decoder with attention (Bahdanau et al., 2014; Luong et al., 2015): a GRU
/// encoder reads the source and keeps every state, and an ``AttentionDecoder`` starts
/// from its last state and looks back at all of them at every step.
///
///     hⱼ = GRU_enc(xⱼ, hⱼ₋₁), h₀ = 0      H = [h₁ … h_S] (one row per position)
///     s₀ = h_S
///     yₜ from sₜ and cₜ = Hᵀ·softmax(H·W_a·sₜ)
public struct AttentionEncoderDecoder: Sendable {
  /// The encoder's and the decoder's weights.
  public struct Parameters: ParameterSet {
    /// The encoder GRU. Its output layer (`Why`, `by`) is never used, and is left out
    /// of ``parameterPaths``.
    public var encoder: GRU.Parameters
    /// The decoder, attention included.
    public var decoder: AttentionDecoder.Parameters

    /// The encoder's nine recurrent matrices ("encoder.Wz", …), then the decoder's
    /// thirteen ("decoder.Wz", …, "decoder.Wa", "decoder.Wc").
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] { paths }

    /// The paths, composed once: composing key paths at every update cost more than the
    /// update of the small models that use them. Key paths are immutable once made, so
    /// sharing them between threads is safe, though the type system does not know it.
    nonisolated(unsafe) private static let paths: [(name: String, path: WritableKeyPath<Self, Matrix>)] = {
      let encoder: WritableKeyPath<Self, GRU.Parameters> = \.encoder
      let decoder: WritableKeyPath<Self, AttentionDecoder.Parameters> = \.decoder
      let recurrent = GRU.Parameters.parameterPaths.filter { $0.name != "Why" && $0.name != "by" }
      return recurrent.map { (name: "encoder." + $0.name, path: encoder.appending(path: $0.path)) }
        + AttentionDecoder.Parameters.parameterPaths.map {
          (name: "decoder." + $0.name, path: decoder.appending(path: $0.path))
        }
    }()

    /// The GRU's step (see ``GRU/Parameters``).
    public static var gradientCheckStep: Double { GRU.Parameters.gradientCheckStep }

    /// The weights given one by one.
    public init(encoder: GRU.Parameters, decoder: AttentionDecoder.Parameters) {
      (self.encoder, self.decoder) = (encoder, decoder)
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// An encoder–decoder with attention over `vocabularySize` tokens with `hiddenSize`
  /// units in each GRU, normal weights times `weightScale` and zero biases.
  public init(vocabularySize: Int, hiddenSize: Int, weightScale: Double = 0.1, using rng: inout SeededGenerator) {
    let encoder = GRU(
      inputSize: vocabularySize, hiddenSize: hiddenSize, outputSize: 1, weightScale: weightScale, using: &rng)
    let decoder = AttentionDecoder(
      inputSize: vocabularySize, hiddenSize: hiddenSize, encoderSize: hiddenSize, outputSize: vocabularySize,
      weightScale: weightScale, using: &rng)
    parameters = Parameters(encoder: encoder.parameters, decoder: decoder.parameters)
  }

  /// A model with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The encoder GRU.
  public var encoder: GRU { GRU(parameters: parameters.encoder) }
  /// The decoder.
  public var decoder: AttentionDecoder { AttentionDecoder(parameters: parameters.decoder) }

  /// What the forward pass keeps.
  public struct Pass: Sendable {
    /// The encoder's pass.
    public let encoder: GRU.Pass
    /// H: the encoder's states, one row per source position.
    public let encoderStates: Matrix
    /// The decoder's pass, attention included.
    public let decoder: AttentionDecoder.Pass
    /// y₁…y_T.
    public var outputs: [Matrix] { decoder.outputs }
  }

  /// Encodes `source`, then reads `decoderInput` (teacher forcing: the right previous
  /// token at every step).
  public func forward(source: [Int], decoderInput: [Int]) -> Pass {
    let encoded = encoder.forward(.tokens(source))
    let states = Matrix(stacking: encoded.steps.map(\.h))
    let decoded = decoder.forward(.tokens(decoderInput), encoderStates: states, from: encoded.finalState)
    return Pass(encoder: encoded, encoderStates: states, decoder: decoded)
  }

  /// Every weight's gradient given ∂L/∂yₜ: the decoder's backward, then the encoder's
  /// BPTT from ∂L/∂hⱼ, which is row j of ∂L/∂H, plus ∂L/∂s₀ at the last position.
  public func backward(_ pass: Pass, outputGradients: [Matrix]) -> Parameters {
    let d = decoder.backward(pass.decoder, outputGradients: outputGradients)
    let stateGradients = (0..<pass.encoderStates.rows).map { d.encoderStates.row($0) }
    let e = encoder.backward(pass.encoder, stateGradients: stateGradients, finalStateGradient: d.initialState)
    return Parameters(encoder: e.parameters, decoder: d.parameters)
  }

  /// The summed cross-entropy −Σₜ log p(targetₜ) with teacher forcing, and every
  /// weight's gradient.
  public func lossAndGradients(source: [Int], decoderInput: [Int], target: [Int]) -> (
    loss: Double, gradients: Parameters
  ) {
    let pass = forward(source: source, decoderInput: decoderInput)
    let (loss, dys) = softmaxCrossEntropy(outputs: pass.outputs, targets: target)
    return (loss, backward(pass, outputGradients: dys))
  }

  /// Greedy decoding: from `begin`, feed back the most likely token each step, until
  /// `end` is written or `maxLength` tokens are; the tokens (with `end`, if written)
  /// and each step's attention weights over the source positions.
  public func greedyDecode(source: [Int], begin: Int, end: Int, maxLength: Int) -> (
    tokens: [Int], weights: [Matrix]
  ) {
    let encoded = encoder.forward(.tokens(source))
    let states = Matrix(stacking: encoded.steps.map(\.h))
    let decoder = self.decoder
    var s = encoded.finalState
    var token = begin
    var tokens: [Int] = []
    var weights: [Matrix] = []
    while tokens.count < maxLength {
      let step = decoder.step(token: token, s, encoderStates: states)
      s = step.state
      token = step.output.argmax
      tokens.append(token)
      weights.append(step.attention.weights)
      if token == end { break }
    }
    return (tokens, weights)
  }
}
