/// The vanilla (Elman) recurrent network in matrix form.
///
///     hₜ = tanh(W_xh·xₜ + W_hh·hₜ₋₁ + b_h)
///     yₜ = W_hy·hₜ + b_y
///
/// xₜ is an input vector (or a token standing for a one-hot vector), hₜ the hidden
/// state, yₜ the output scores. ``backward(_:outputGradients:carryFromFuture:)`` is
/// full backpropagation through time over the sequence it is given.
public struct VanillaRNN: RecurrentModel {
  /// The five weight matrices of the vanilla RNN.
  public struct Parameters: ParameterSet {
    /// Input to hidden, hidden×input.
    public var Wxh: Matrix
    /// Hidden to hidden (the recurrence), hidden×hidden.
    public var Whh: Matrix
    /// Hidden to output, output×hidden.
    public var Why: Matrix
    /// Hidden bias, hidden×1.
    public var bh: Matrix
    /// Output bias, output×1.
    public var by: Matrix

    /// The five matrices by name.
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] {
      [("Wxh", \.Wxh), ("Whh", \.Whh), ("Why", \.Why), ("bh", \.bh), ("by", \.by)]
    }

    /// Weights given one by one.
    public init(Wxh: Matrix, Whh: Matrix, Why: Matrix, bh: Matrix, by: Matrix) {
      precondition(Whh.rows == Whh.cols && Wxh.rows == Whh.rows, "W_hh must be square with W_xh's rows")
      precondition(Why.cols == Whh.rows && bh.rows == Whh.rows && by.rows == Why.rows, "shapes do not fit")
      (self.Wxh, self.Whh, self.Why, self.bh, self.by) = (Wxh, Whh, Why, bh, by)
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// A network with weights drawn from a normal distribution times `weightScale`, and
  /// zero biases (drawn in the order W_xh, W_hh, W_hy).
  public init(
    inputSize: Int, hiddenSize: Int, outputSize: Int, weightScale: Double = 0.01,
    using rng: inout SeededGenerator
  ) {
    let Wxh = Matrix.random(hiddenSize, inputSize, scale: weightScale, using: &rng)
    let Whh = Matrix.random(hiddenSize, hiddenSize, scale: weightScale, using: &rng)
    let Why = Matrix.random(outputSize, hiddenSize, scale: weightScale, using: &rng)
    parameters = Parameters(
      Wxh: Wxh, Whh: Whh, Why: Why, bh: .zeros(hiddenSize), by: .zeros(outputSize))
  }

  /// A network with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The size of hₜ.
  public var hiddenSize: Int { parameters.Whh.rows }
  /// The size of xₜ.
  public var inputSize: Int { parameters.Wxh.cols }
  /// The size of yₜ.
  public var outputSize: Int { parameters.Why.rows }
  /// h₀ = 0.
  public var initialState: Matrix { .zeros(hiddenSize) }

  /// What the forward pass keeps: inputs, every hₜ and every yₜ.
  public struct Pass: RecurrentPass {
    /// x₁…x_T.
    public let inputs: SequenceInput
    /// h₀.
    public let initialHidden: Matrix
    /// h₁…h_T.
    public let hiddenStates: [Matrix]
    /// y₁…y_T.
    public let outputs: [Matrix]
    /// h_T, to carry into the next chunk.
    public var finalState: Matrix { hiddenStates.last ?? initialHidden }
  }

  /// One step: hₜ = tanh(W_xh·xₜ + W_hh·hₜ₋₁ + b_h), for an input vector x and the
  /// previous state h.
  public func step(_ x: Matrix, _ h: Matrix) -> Matrix {
    let p = parameters
    return tanh(p.Wxh * x + p.Whh * h + p.bh)
  }

  /// Runs the recurrence over `inputs` from h₀ = `state`.
  public func forward(_ inputs: SequenceInput, from state: Matrix) -> Pass {
    let p = parameters
    var hPrev = state
    var hs: [Matrix] = []
    hs.reserveCapacity(inputs.count)
    var product = Matrix.zeros(hiddenSize)  // W_hh·hₜ₋₁, written anew at every step
    for t in 0..<inputs.count {
      let h = tanh(inputs.times(p.Wxh, at: t, plus: p.Whh, times: hPrev, plus: p.bh, scratch: &product))
      hs.append(h)
      hPrev = h
    }
    // yₜ = W_hy·hₜ + b_y does not feed the recurrence: every step at once.
    var ys = p.Why * hs
    for t in ys.indices { ys[t] += p.by }
    return Pass(inputs: inputs, initialHidden: state, hiddenStates: hs, outputs: ys)
  }

  /// Backpropagation through time, from the last step to the first.
  ///
  /// The gradient reaching hₜ comes through yₜ and through hₜ₊₁; that recursion runs
  /// step by step. The weight gradients are sums over steps of outer products, such as
  /// ∂L/∂W_hh = Σₜ dzₜ·hₜ₋₁ᵀ; they are computed at the end as one product of matrices
  /// whose rows are the steps (`DZ.T * Hprev`), which is the same sum, faster. The
  /// gradient with respect to h₀ is W_hhᵀ·dz₁, what step 1 sends back.
  public func backwardWithInitialState(
    _ pass: Pass, outputGradients dys: [Matrix], carryFromFuture: Bool
  ) -> (parameters: Parameters, initialState: Matrix) {
    let p = parameters
    let steps = pass.outputs.count
    var dWxh = Matrix.zeros(hiddenSize, inputSize)
    var dbh = Matrix.zeros(hiddenSize)
    var dby = Matrix.zeros(outputSize)
    var dzs = Matrix(rows: steps, cols: hiddenSize)  // row t is dzₜ
    var dz = Matrix.zeros(hiddenSize)
    var dhNext = Matrix.zeros(hiddenSize)  // ∂L/∂hₜ through hₜ₊₁
    var dhs = p.Why.T * dys  // ∂L/∂hₜ through yₜ, W_hyᵀ·dyₜ, for every step at once …
    for t in stride(from: steps - 1, through: 0, by: -1) {
      let h = pass.hiddenStates[t]
      if carryFromFuture { dhs[t] += dhNext }  // … and through hₜ₊₁
      dz.set(combining: h, dhs[t]) { h, dh in (1 - h * h) * dh }  // through tanh
      dby += dys[t]
      dbh += dz
      pass.inputs.accumulate(dz, into: &dWxh, at: t)  // dW_xh += dzₜ·xₜᵀ
      dzs.setRow(t, to: dz)
      dhNext.setProduct(p.Whh.T, dz)
    }
    let H = Matrix(stacking: pass.hiddenStates)  // row t is hₜ
    let Hprev = Matrix(stacking: [pass.initialHidden] + pass.hiddenStates.dropLast())  // row t is hₜ₋₁
    let gradients = Parameters(
      Wxh: dWxh,
      Whh: dzs.T * Hprev,  // Σₜ dzₜ·hₜ₋₁ᵀ
      Why: Matrix(stacking: dys).T * H,  // Σₜ dyₜ·hₜᵀ
      bh: dbh, by: dby)
    return (gradients, dhNext)  // after the loop, dhNext = W_hhᵀ·dz₁ = ∂L/∂h₀
  }
}
