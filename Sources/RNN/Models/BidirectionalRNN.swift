/// A bidirectional vanilla RNN: one layer reads the sequence forwards, another reads it
/// backwards, and the output at every step sees both.
///
///     →hₜ = tanh(→W_xh·xₜ + →W_hh·→hₜ₋₁ + →b_h)      for t = 1 … T
///     ←hₜ = tanh(←W_xh·xₜ + ←W_hh·←hₜ₊₁ + ←b_h)      for t = T … 1
///     yₜ  = W_hy·[→hₜ; ←hₜ] + b_y
///
/// →hₜ summarises x₁…xₜ and ←hₜ summarises xₜ…x_T, so yₜ can depend on the whole
/// sequence. The backward layer is an ordinary vanilla RNN run over the reversed
/// sequence; its states come out in its reading order (←h_T first) and are reversed
/// back into time order before they are joined. It reads the whole sequence before
/// the first output exists, so it has no step-by-step form and no state to carry.
public struct BidirectionalRNN: Sendable {
  /// The weights of both directions and of the output layer.
  public struct Parameters: ParameterSet {
    /// Input to the forward layer, hidden×input.
    public var WxhForward: Matrix
    /// The forward layer's recurrence, hidden×hidden.
    public var WhhForward: Matrix
    /// The forward layer's bias, hidden×1.
    public var bhForward: Matrix
    /// Input to the backward layer, hidden×input.
    public var WxhBackward: Matrix
    /// The backward layer's recurrence, hidden×hidden.
    public var WhhBackward: Matrix
    /// The backward layer's bias, hidden×1.
    public var bhBackward: Matrix
    /// Both states to output, output×(2·hidden): the forward state's columns first.
    public var Why: Matrix
    /// Output bias, output×1.
    public var by: Matrix

    /// The eight matrices by name, forward direction first.
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] {
      [
        ("WxhForward", \.WxhForward), ("WhhForward", \.WhhForward), ("bhForward", \.bhForward),
        ("WxhBackward", \.WxhBackward), ("WhhBackward", \.WhhBackward), ("bhBackward", \.bhBackward),
        ("Why", \.Why), ("by", \.by),
      ]
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// A network with weights drawn from a normal distribution times `weightScale`, and
  /// zero biases (drawn in the order →W_xh, →W_hh, ←W_xh, ←W_hh, W_hy).
  public init(
    inputSize: Int, hiddenSize: Int, outputSize: Int, weightScale: Double = 0.01, using rng: inout SeededGenerator
  ) {
    let WxhForward = Matrix.random(hiddenSize, inputSize, scale: weightScale, using: &rng)
    let WhhForward = Matrix.random(hiddenSize, hiddenSize, scale: weightScale, using: &rng)
    let WxhBackward = Matrix.random(hiddenSize, inputSize, scale: weightScale, using: &rng)
    let WhhBackward = Matrix.random(hiddenSize, hiddenSize, scale: weightScale, using: &rng)
    let Why = Matrix.random(outputSize, 2 * hiddenSize, scale: weightScale, using: &rng)
    parameters = Parameters(
      WxhForward: WxhForward, WhhForward: WhhForward, bhForward: .zeros(hiddenSize), WxhBackward: WxhBackward,
      WhhBackward: WhhBackward, bhBackward: .zeros(hiddenSize), Why: Why, by: .zeros(outputSize))
  }

  /// A network with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The size of each direction's state.
  public var hiddenSize: Int { parameters.WhhForward.rows }

  /// The forward direction as a vanilla RNN whose output layer (one row of zeros) no
  /// one reads.
  public var forwardLayer: VanillaRNN {
    let p = parameters
    return VanillaRNN(
      parameters: .init(
        Wxh: p.WxhForward, Whh: p.WhhForward, Why: .zeros(1, hiddenSize), bh: p.bhForward, by: .zeros(1)))
  }

  /// The backward direction, the same way; it is given the sequence reversed.
  public var backwardLayer: VanillaRNN {
    let p = parameters
    return VanillaRNN(
      parameters: .init(
        Wxh: p.WxhBackward, Whh: p.WhhBackward, Why: .zeros(1, hiddenSize), bh: p.bhBackward, by: .zeros(1)))
  }

  /// What the forward pass keeps: both directions' passes, the joined states and the
  /// outputs.
  public struct Pass: Sendable {
    /// The forward layer's pass over x₁…x_T.
    public let forward: VanillaRNN.Pass
    /// The backward layer's pass over x_T…x₁: its states are ←h_T … ←h₁.
    public let backward: VanillaRNN.Pass
    /// [→hₜ; ←hₜ] for t = 1 … T, in time order.
    public let states: [Matrix]
    /// y₁…y_T.
    public let outputs: [Matrix]
  }

  /// [→hₜ; ←hₜ] for every step in time order, from the forward states (in time order)
  /// and the backward layer's states in its reading order (←h_T first).
  public static func joinedStates(forward: [Matrix], backwardInReadingOrder backward: [Matrix]) -> [Matrix] {
    precondition(forward.count == backward.count, "one backward state per forward state")
    return zip(forward, backward.reversed()).map { Matrix(vector: $0.elements + $1.elements) }
  }

  /// The inverse of ``joinedStates(forward:backwardInReadingOrder:)`` for gradients: each
  /// ∂L/∂[→hₜ; ←hₜ] split into its two halves, the forward half in time order and the
  /// backward half in the backward layer's reading order (step T first).
  public static func splitStateGradients(_ gradients: [Matrix], hiddenSize: Int) -> (
    forward: [Matrix], backwardInReadingOrder: [Matrix]
  ) {
    precondition(gradients.allSatisfy { $0.count == 2 * hiddenSize }, "each gradient joins two states")
    let forward = gradients.map { Matrix(vector: Array($0.elements[..<hiddenSize])) }
    let backward = gradients.reversed().map { Matrix(vector: Array($0.elements[hiddenSize...])) }
    return (forward, backward)
  }

  /// Reads `inputs` forwards and backwards from zero states and gives an output per step.
  public func forward(_ inputs: SequenceInput) -> Pass {
    let forwardPass = forwardLayer.forward(inputs)
    let backwardPass = backwardLayer.forward(inputs.reversed())
    let states = Self.joinedStates(forward: forwardPass.hiddenStates, backwardInReadingOrder: backwardPass.hiddenStates)
    var outputs = states.isEmpty ? [] : parameters.Why * states
    for t in outputs.indices { outputs[t] += parameters.by }
    return Pass(forward: forwardPass, backward: backwardPass, states: states, outputs: outputs)
  }

  /// Backpropagation through both directions, given ∂L/∂yₜ for every step: the
  /// gradient reaching [→hₜ; ←hₜ] is W_hyᵀ·∂L/∂yₜ, its halves go to the two layers (the
  /// backward half in the backward layer's order), and each runs
  /// ``VanillaRNN/backward(_:stateGradients:carryFromFuture:)``. Also gives ∂L/∂xₜ, the
  /// sum of what the two layers send down, in time order.
  public func backward(_ pass: Pass, outputGradients dys: [Matrix]) -> (parameters: Parameters, inputs: [Matrix]) {
    precondition(dys.count == pass.outputs.count, "one output gradient per step")
    let (dForward, dBackward) = Self.splitStateGradients(
      dys.isEmpty ? [] : parameters.Why.T * dys, hiddenSize: hiddenSize)
    let f = forwardLayer.backward(pass.forward, stateGradients: dForward)
    let b = backwardLayer.backward(pass.backward, stateGradients: dBackward)
    var dWhy = Matrix.zeros(parameters.Why.rows, parameters.Why.cols)
    var dby = Matrix.zeros(parameters.by.rows)
    for (dy, h) in zip(dys, pass.states) {
      dWhy.addProduct(dy, h.T)  // Σₜ dyₜ·[→hₜ; ←hₜ]ᵀ
      dby += dy
    }
    let gradients = Parameters(
      WxhForward: f.parameters.Wxh, WhhForward: f.parameters.Whh, bhForward: f.parameters.bh,
      WxhBackward: b.parameters.Wxh, WhhBackward: b.parameters.Whh, bhBackward: b.parameters.bh, Why: dWhy, by: dby)
    return (gradients, zip(f.inputs, b.inputs.reversed()).map { $0 + $1 })
  }

  /// The loss and every weight's gradient over one sequence, given a loss that turns
  /// the outputs into a number and ∂L/∂yₜ.
  public func lossAndGradients(
    _ inputs: SequenceInput, loss: ([Matrix]) -> (loss: Double, outputGradients: [Matrix])
  ) -> (loss: Double, gradients: Parameters) {
    let pass = forward(inputs)
    let (value, dys) = loss(pass.outputs)
    return (value, backward(pass, outputGradients: dys).parameters)
  }
}

extension SequenceInput {
  /// The same steps, last first: what the backward layer of a ``BidirectionalRNN`` reads.
  public func reversed() -> SequenceInput {
    switch self {
    case .vectors(let xs): .vectors(xs.reversed())
    case .tokens(let ts): .tokens(ts.reversed())
    }
  }
}
