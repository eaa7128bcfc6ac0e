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
    /// The encoder GRU (its output layer is not used).
    public var encoder: GRU.Parameters
    /// The decoder, attention included.
    public var decoder: AttentionDecoder.Parameters

    /// The encoder's matrices, named "encoder.Wz" and so on, then the decoder's.
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] {
      let encoder: WritableKeyPath<Self, GRU.Parameters> = \.encoder
      let decoder: WritableKeyPath<Self, AttentionDecoder.Parameters> = \.decoder
      return GRU.Parameters.parameterPaths.map { (name: "encoder." + $0.name, path: encoder.appending(path: $0.path)) }
        + AttentionDecoder.Parameters.parameterPaths.map {
          (name: "decoder." + $0.name, path: decoder.appending(path: $0.path))
        }
    }

    /// The GRU's step (see ``GRU/Parameters``).
    public static var gradientCheckStep: Double { GRU.Parameters.gradientCheckStep }

    /// The weights given one by one.
    public init(encoder: GRU.Parameters, decoder: AttentionDecoder.Parameters) {
      (self.encoder, self.decoder) = (encoder, decoder)
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// An encoder reading `sourceSize` tokens and a decoder reading `targetInputSize`
  /// tokens and scoring `outputSize`, both with `hiddenSize` units and normal weights
  /// times `weightScale`.
  public init(
    sourceSize: Int, targetInputSize: Int, outputSize: Int, hiddenSize: Int, weightScale: Double = 0.1,
    using rng: inout SeededGenerator
  ) {
    let encoder = GRU(
      inputSize: sourceSize, hiddenSize: hiddenSize, outputSize: 1, weightScale: weightScale, using: &rng)
    let decoder = AttentionDecoder(
      inputSize: targetInputSize, hiddenSize: hiddenSize, encoderSize: hiddenSize, outputSize: outputSize,
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

  /// Encodes `source`, then reads `decoderInputs` (teacher forcing: the right previous
  /// token at every step).
  public func forward(source: SequenceInput, decoderInputs: SequenceInput) -> Pass {
    let encoded = encoder.forward(source)
    let states = Matrix(stacking: encoded.steps.map(\.h))
    let decoded = decoder.forward(decoderInputs, encoderStates: states, from: encoded.finalState)
    return Pass(encoder: encoded, encoderStates: states, decoder: decoded)
  }

  /// Every weight's gradient given ∂L/∂yₜ: the decoder's backward, then the encoder's
  /// BPTT from ∂L/∂hⱼ, which is row j of ∂L/∂H, plus ∂L/∂s₀ at the last position.
  public func backward(_ pass: Pass, outputGradients: [Matrix]) -> Parameters {
    let d = decoder.backward(pass.decoder, outputGradients: outputGradients)
    var stateGradients = (0..<pass.encoderStates.rows).map { d.encoderStates.row($0) }
    if !stateGradients.isEmpty { stateGradients[stateGradients.count - 1] += d.initialState }
    let e = encoder.backwardFromStateGradients(pass.encoder, stateGradients: stateGradients)
    return Parameters(encoder: e.parameters, decoder: d.parameters)
  }

  /// Softmax cross-entropy of the decoder's outputs against `targets`, and every
  /// weight's gradient.
  public func lossAndGradients(source: [Int], decoderInputs: [Int], targets: [Int]) -> (
    loss: Double, gradients: Parameters
  ) {
    let pass = forward(source: .tokens(source), decoderInputs: .tokens(decoderInputs))
    let (loss, dys) = softmaxCrossEntropy(outputs: pass.outputs, targets: targets)
    return (loss, backward(pass, outputGradients: dys))
  }

  /// Greedy decoding: encodes `source`, feeds `begin`, then each step's most likely
  /// token, for `steps` steps; gives the tokens and each step's attention weights.
  public func greedyDecode(source: [Int], begin: Int, steps: Int) -> (tokens: [Int], weights: [Matrix]) {
    let encoded = encoder.forward(.tokens(source))
    let states = Matrix(stacking: encoded.steps.map(\.h))
    let decoder = self.decoder
    var s = encoded.finalState
    var token = begin
    var tokens: [Int] = []
    var weights: [Matrix] = []
    for _ in 0..<steps {
      let step = decoder.step(token: token, s, encoderStates: states)
      s = step.state
      token = step.output.argmax
      tokens.append(token)
      weights.append(step.attention.weights)
    }
    return (tokens, weights)
  }
}
