/// A GRU decoder that looks back at the encoder's states at every step, with a learned
/// query (the "general" score of Luong et al., 2015):
///
///     sₜ = GRU(xₜ, sₜ₋₁)                decoder state, s₀ given (the encoder's last state)
///     qₜ = W_a·sₜ                        query
///     αₜ = softmax(H·qₜ)                 weights over the source positions
///     cₜ = Hᵀ·αₜ                         context: the states h₁…h_S weighted by αₜ
///     yₜ = W_hy·sₜ + b_y + W_c·cₜ        scores over the output tokens
///
/// H holds the encoder's states, one row per source position. W_hy and b_y are the
/// decoder GRU's own output layer; W_a and W_c are what attention adds.
public struct AttentionDecoder: Sendable {
  /// The decoder GRU's weights and the two matrices of attention.
  public struct Parameters: ParameterSet {
    /// The decoder GRU, its output layer W_hy, b_y included.
    public var gru: GRU.Parameters
    /// W_a, which turns the decoder state into a query (encoder size × decoder size).
    public var Wa: Matrix
    /// W_c, which turns the context into scores over the output tokens.
    public var Wc: Matrix

    /// The GRU's eleven matrices, then W_a and W_c.
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] { paths }

    /// The paths, composed once: composing key paths at every update cost more than the
    /// update of the small models that use them. Key paths are immutable once made, so
    /// sharing them between threads is safe, though the type system does not know it.
    nonisolated(unsafe) private static let paths: [(name: String, path: WritableKeyPath<Self, Matrix>)] = {
      let gru: WritableKeyPath<Self, GRU.Parameters> = \.gru
      return GRU.Parameters.parameterPaths.map { (name: $0.name, path: gru.appending(path: $0.path)) }
        + [(name: "Wa", path: \.Wa), (name: "Wc", path: \.Wc)]
    }()

    /// The GRU's step (see ``GRU/Parameters``).
    public static var gradientCheckStep: Double { GRU.Parameters.gradientCheckStep }

    /// The weights given one by one.
    public init(gru: GRU.Parameters, Wa: Matrix, Wc: Matrix) {
      (self.gru, self.Wa, self.Wc) = (gru, Wa, Wc)
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// A decoder reading `inputSize` tokens, attending over encoder states of length
  /// `encoderSize`, with normal weights times `weightScale`.
  public init(
    inputSize: Int, hiddenSize: Int, encoderSize: Int, outputSize: Int, weightScale: Double = 0.1,
    using rng: inout SeededGenerator
  ) {
    let gru = GRU(
      inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, weightScale: weightScale, using: &rng)
    parameters = Parameters(
      gru: gru.parameters, Wa: .random(encoderSize, hiddenSize, scale: weightScale, using: &rng),
      Wc: .random(outputSize, encoderSize, scale: weightScale, using: &rng))
  }

  /// A decoder with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The decoder GRU alone.
  public var gru: GRU { GRU(parameters: parameters.gru) }

  /// What the forward pass keeps.
  public struct Pass: Sendable {
    /// The decoder GRU's pass: its states s₁…s_T and W_hy·sₜ + b_y.
    public let decoder: GRU.Pass
    /// Each step's attention: query, weights and context.
    public let attention: [Attention]
    /// y₁…y_T.
    public let outputs: [Matrix]
  }

  /// One step from state `s`: the new state, its attention over `encoderStates`, and
  /// the scores y.
  public func step(token: Int, _ s: Matrix, encoderStates: Matrix) -> (
    state: Matrix, attention: Attention, output: Matrix
  ) {
    let pass = forward(.tokens([token]), encoderStates: encoderStates, from: s)
    return (pass.decoder.finalState, pass.attention[0], pass.outputs[0])
  }

  /// Reads `inputs` from `initialState`, attending over `encoderStates` (one row per
  /// source position) at every step.
  public func forward(_ inputs: SequenceInput, encoderStates: Matrix, from initialState: Matrix) -> Pass {
    let p = parameters
    let decoder = gru.forward(inputs, from: initialState)
    var attention: [Attention] = []
    var outputs: [Matrix] = []
    for (step, y) in zip(decoder.steps, decoder.outputs) {
      let a = Attention(query: p.Wa * step.h, over: encoderStates)
      attention.append(a)
      outputs.append(y + p.Wc * a.context)
    }
    return Pass(decoder: decoder, attention: attention, outputs: outputs)
  }

  /// The gradient with respect to every weight, to the encoder's states (one row per
  /// position, like H) and to the initial state, given ∂L/∂yₜ for each step.
  ///
  ///     ∂L/∂cₜ = W_cᵀ·∂L/∂yₜ,  then ∂L/∂qₜ and ∂L/∂H from ``Attention/backward(contextGradient:statesGradient:)``
  ///     ∂L/∂sₜ = W_hyᵀ·∂L/∂yₜ + W_aᵀ·∂L/∂qₜ + ∂L/∂sₜ (from t+1, inside the GRU's BPTT)
  public func backward(_ pass: Pass, outputGradients dys: [Matrix]) -> (
    parameters: Parameters, encoderStates: Matrix, initialState: Matrix
  ) {
    let p = parameters
    var g = p.zeros()
    var dH = Matrix.zeros(pass.attention.first?.states.rows ?? 0, p.Wa.rows)
    var stateGradients: [Matrix] = []
    for (t, dy) in dys.enumerated() {
      let a = pass.attention[t]
      let s = pass.decoder.steps[t].h
      g.Wc.addProduct(dy, a.context.T)
      let dq = a.backward(contextGradient: p.Wc.T * dy, statesGradient: &dH)
      g.Wa.addProduct(dq, s.T)
      stateGradients.append(p.gru.Why.T * dy + p.Wa.T * dq)
      g.gru.Why.addProduct(dy, s.T)
      g.gru.by += dy
    }
    let recurrence = gru.backward(pass.decoder, stateGradients: stateGradients)
    for (name, path) in GRU.Parameters.parameterPaths where name != "Why" && name != "by" {
      g.gru[keyPath: path] = recurrence.parameters[keyPath: path]
    }
    return (g, dH, recurrence.initialState)
  }
}
