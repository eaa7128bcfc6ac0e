/// Two vanilla RNN layers stacked: the second reads the first's hidden states as its
/// inputs, and the output layer reads the second's.
///
///     h¹ₜ = tanh(W¹_xh·xₜ  + W¹_hh·h¹ₜ₋₁ + b¹_h)
///     h²ₜ = tanh(W²_xh·h¹ₜ + W²_hh·h²ₜ₋₁ + b²_h)
///     yₜ  = W_hy·h²ₜ + b_y
///
/// Backpropagation runs through the top layer first: ∂L/∂h²ₜ = W_hyᵀ·∂L/∂yₜ from the
/// outputs, then ``VanillaRNN/backward(_:stateGradients:carryFromFuture:)`` gives the
/// top layer's weights and ∂L/∂h¹ₜ = W²_xhᵀ·dz²ₜ for every step, which is the gradient
/// the bottom layer receives from above.
public struct StackedRNN: RecurrentModel {
  /// The weights of both layers and of the output layer.
  public struct Parameters: ParameterSet {
    /// Input to the first layer, hidden¹×input.
    public var Wxh1: Matrix
    /// The first layer's recurrence, hidden¹×hidden¹.
    public var Whh1: Matrix
    /// The first layer's bias, hidden¹×1.
    public var bh1: Matrix
    /// First layer to second, hidden²×hidden¹.
    public var Wxh2: Matrix
    /// The second layer's recurrence, hidden²×hidden².
    public var Whh2: Matrix
    /// The second layer's bias, hidden²×1.
    public var bh2: Matrix
    /// Second layer to output, output×hidden².
    public var Why: Matrix
    /// Output bias, output×1.
    public var by: Matrix

    /// The eight matrices by name, bottom layer first.
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] {
      [
        ("Wxh1", \.Wxh1), ("Whh1", \.Whh1), ("bh1", \.bh1), ("Wxh2", \.Wxh2), ("Whh2", \.Whh2), ("bh2", \.bh2),
        ("Why", \.Why), ("by", \.by),
      ]
    }

    /// Weights given one by one.
    public init(
      Wxh1: Matrix, Whh1: Matrix, bh1: Matrix, Wxh2: Matrix, Whh2: Matrix, bh2: Matrix, Why: Matrix, by: Matrix
    ) {
      precondition(Whh1.rows == Whh1.cols && Wxh1.rows == Whh1.rows && bh1.rows == Whh1.rows, "layer 1's shapes")
      precondition(
        Whh2.rows == Whh2.cols && Wxh2.rows == Whh2.rows && Wxh2.cols == Whh1.rows && bh2.rows == Whh2.rows,
        "layer 2's shapes")
      precondition(Why.cols == Whh2.rows && by.rows == Why.rows, "the output layer's shapes")
      (self.Wxh1, self.Whh1, self.bh1, self.Wxh2, self.Whh2, self.bh2) = (Wxh1, Whh1, bh1, Wxh2, Whh2, bh2)
      (self.Why, self.by) = (Why, by)
    }
  }

  /// The hidden states of both layers.
  public struct State: Sendable, Equatable {
    /// h¹, the first layer's state.
    public var lower: Matrix
    /// h², the second layer's state.
    public var upper: Matrix

    /// The two states.
    public init(lower: Matrix, upper: Matrix) {
      (self.lower, self.upper) = (lower, upper)
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// A network with weights drawn from a normal distribution times `weightScale`, and
  /// zero biases (drawn in the order W¹_xh, W¹_hh, W²_xh, W²_hh, W_hy). The second
  /// layer has `upperHiddenSize` units, or as many as the first.
  public init(
    inputSize: Int, hiddenSize: Int, upperHiddenSize: Int? = nil, outputSize: Int, weightScale: Double = 0.01,
    using rng: inout SeededGenerator
  ) {
    let upper = upperHiddenSize ?? hiddenSize
    let Wxh1 = Matrix.random(hiddenSize, inputSize, scale: weightScale, using: &rng)
    let Whh1 = Matrix.random(hiddenSize, hiddenSize, scale: weightScale, using: &rng)
    let Wxh2 = Matrix.random(upper, hiddenSize, scale: weightScale, using: &rng)
    let Whh2 = Matrix.random(upper, upper, scale: weightScale, using: &rng)
    let Why = Matrix.random(outputSize, upper, scale: weightScale, using: &rng)
    parameters = Parameters(
      Wxh1: Wxh1, Whh1: Whh1, bh1: .zeros(hiddenSize), Wxh2: Wxh2, Whh2: Whh2, bh2: .zeros(upper), Why: Why,
      by: .zeros(outputSize))
  }

  /// A network with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The first layer alone, as a vanilla RNN whose output layer (one row of zeros) no
  /// one reads.
  public var lowerLayer: VanillaRNN {
    let p = parameters
    return VanillaRNN(
      parameters: .init(Wxh: p.Wxh1, Whh: p.Whh1, Why: .zeros(1, p.Whh1.rows), bh: p.bh1, by: .zeros(1)))
  }

  /// The second layer with the model's output layer on top: a vanilla RNN that reads h¹.
  public var upperLayer: VanillaRNN {
    let p = parameters
    return VanillaRNN(parameters: .init(Wxh: p.Wxh2, Whh: p.Whh2, Why: p.Why, bh: p.bh2, by: p.by))
  }

  /// h¹₀ = h²₀ = 0.
  public var initialState: State {
    State(lower: .zeros(parameters.Whh1.rows), upper: .zeros(parameters.Whh2.rows))
  }

  /// What the forward pass keeps: each layer's pass.
  public struct Pass: RecurrentPass {
    /// The first layer's pass over x₁…x_T.
    public let lower: VanillaRNN.Pass
    /// The second layer's pass over h¹₁…h¹_T; its outputs are the model's.
    public let upper: VanillaRNN.Pass
    /// y₁…y_T.
    public var outputs: [Matrix] { upper.outputs }
    /// Both layers' last states.
    public var finalState: State { State(lower: lower.finalState, upper: upper.finalState) }
  }

  /// One step of both layers.
  public func step(_ x: Matrix, _ state: State) -> State {
    let lower = lowerLayer.step(x, state.lower)
    return State(lower: lower, upper: upperLayer.step(lower, state.upper))
  }

  /// Runs the first layer over `inputs`, then the second over the first's states.
  public func forward(_ inputs: SequenceInput, from state: State) -> Pass {
    let lower = lowerLayer.forward(inputs, from: state.lower)
    let upper = upperLayer.forward(.vectors(lower.hiddenStates), from: state.upper)
    return Pass(lower: lower, upper: upper)
  }

  /// Backpropagation through time through both layers, top first. The initial state's
  /// gradient holds ∂L/∂h¹₀ and ∂L/∂h²₀.
  public func backwardWithInitialState(
    _ pass: Pass, outputGradients dys: [Matrix], carryFromFuture: Bool
  ) -> (parameters: Parameters, initialState: State) {
    let upperLayer = self.upperLayer
    let top = upperLayer.backward(
      pass.upper, stateGradients: dys.isEmpty ? [] : parameters.Why.T * dys, carryFromFuture: carryFromFuture)
    let bottom = lowerLayer.backward(pass.lower, stateGradients: top.inputs, carryFromFuture: carryFromFuture)
    var dWhy = Matrix.zeros(parameters.Why.rows, parameters.Why.cols)
    var dby = Matrix.zeros(parameters.by.rows)
    for (dy, h) in zip(dys, pass.upper.hiddenStates) {
      dWhy.addProduct(dy, h.T)  // Σₜ dyₜ·h²ₜᵀ
      dby += dy
    }
    let gradients = Parameters(
      Wxh1: bottom.parameters.Wxh, Whh1: bottom.parameters.Whh, bh1: bottom.parameters.bh,
      Wxh2: top.parameters.Wxh, Whh2: top.parameters.Whh, bh2: top.parameters.bh, Why: dWhy, by: dby)
    return (gradients, State(lower: bottom.initialState, upper: top.initialState))
  }
}
