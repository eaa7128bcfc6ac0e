/// Long short-term memory (Hochreiter and Schmidhuber, 1997, with the forget gate of
/// Gers et al., 2000), with an output layer.
///
///     fₜ = σ(W_f·xₜ + U_f·hₜ₋₁ + b_f)      forget gate
///     iₜ = σ(W_i·xₜ + U_i·hₜ₋₁ + b_i)      input gate
///     oₜ = σ(W_o·xₜ + U_o·hₜ₋₁ + b_o)      output gate
///     gₜ = tanh(W_c·xₜ + U_c·hₜ₋₁ + b_c)   candidate cell value
///     cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ             cell state
///     hₜ = oₜ ⊙ tanh(cₜ)
///     yₜ = W_hy·hₜ + b_y
///
/// The cell state cₜ is updated by addition, scaled only by the forget gate: that path
/// is what keeps gradients alive over many steps.
public struct LSTM: RecurrentModel {
  /// The LSTM's weights: an input matrix W, a recurrent matrix U and a bias b per gate,
  /// and the output layer.
  public struct Parameters: ParameterSet {
    /// Forget gate: input weights, recurrent weights, bias.
    public var Wf: Matrix, Uf: Matrix, bf: Matrix
    /// Input gate: input weights, recurrent weights, bias.
    public var Wi: Matrix, Ui: Matrix, bi: Matrix
    /// Output gate: input weights, recurrent weights, bias.
    public var Wo: Matrix, Uo: Matrix, bo: Matrix
    /// Candidate cell value: input weights, recurrent weights, bias.
    public var Wc: Matrix, Uc: Matrix, bc: Matrix
    /// Output layer: weights and bias.
    public var Why: Matrix, by: Matrix

    /// The fourteen matrices by name.
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] {
      [
        ("Wf", \.Wf), ("Uf", \.Uf), ("bf", \.bf), ("Wi", \.Wi), ("Ui", \.Ui), ("bi", \.bi),
        ("Wo", \.Wo), ("Uo", \.Uo), ("bo", \.bo), ("Wc", \.Wc), ("Uc", \.Uc), ("bc", \.bc),
        ("Why", \.Why), ("by", \.by),
      ]
    }

    /// 3e-5 rather than 1e-5: the gate and bias gradients are small next to the largest
    /// entry, so rounding weighs more and the error floor is higher. Measured in the
    /// library's tests (worst over two sizes, three seeds, tokens and vectors): 1.0e-9 at
    /// 3e-5 against 2.3e-9 at 1e-5.
    public static var gradientCheckStep: Double { 3e-5 }

    /// Weights given one by one, gate by gate.
    public init(
      Wf: Matrix, Uf: Matrix, bf: Matrix, Wi: Matrix, Ui: Matrix, bi: Matrix,
      Wo: Matrix, Uo: Matrix, bo: Matrix, Wc: Matrix, Uc: Matrix, bc: Matrix, Why: Matrix, by: Matrix
    ) {
      (self.Wf, self.Uf, self.bf, self.Wi, self.Ui, self.bi) = (Wf, Uf, bf, Wi, Ui, bi)
      (self.Wo, self.Uo, self.bo, self.Wc, self.Uc, self.bc) = (Wo, Uo, bo, Wc, Uc, bc)
      (self.Why, self.by) = (Why, by)
    }
  }

  /// The hidden state and the cell state.
  public struct State: Sendable, Equatable {
    /// hₜ, what the cell shows.
    public var h: Matrix
    /// cₜ, the cell's memory.
    public var c: Matrix

    /// A state with the given vectors.
    public init(h: Matrix, c: Matrix) {
      self.h = h
      self.c = c
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// An LSTM with normal weights times `weightScale`, zero biases except the forget
  /// gate's, which starts at `forgetBias` (1 is the usual choice: remember by default).
  public init(
    inputSize: Int, hiddenSize: Int, outputSize: Int, weightScale: Double = 0.1,
    forgetBias: Double = 1, using rng: inout SeededGenerator
  ) {
    func w() -> Matrix { .random(hiddenSize, inputSize, scale: weightScale, using: &rng) }
    func u() -> Matrix { .random(hiddenSize, hiddenSize, scale: weightScale, using: &rng) }
    let b = Matrix.zeros(hiddenSize)
    parameters = Parameters(
      Wf: w(), Uf: u(), bf: Matrix(rows: hiddenSize, cols: 1, repeating: forgetBias),
      Wi: w(), Ui: u(), bi: b, Wo: w(), Uo: u(), bo: b, Wc: w(), Uc: u(), bc: b,
      Why: .random(outputSize, hiddenSize, scale: weightScale, using: &rng), by: .zeros(outputSize))
  }

  /// An LSTM with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The size of hₜ and cₜ.
  public var hiddenSize: Int { parameters.Uf.rows }
  /// h₀ = c₀ = 0.
  public var initialState: State { State(h: .zeros(hiddenSize), c: .zeros(hiddenSize)) }

  /// The values of one step, kept for the backward pass.
  public struct Step: Sendable {
    /// The gates fₜ, iₜ, oₜ and the candidate gₜ.
    public let f: Matrix, i: Matrix, o: Matrix, g: Matrix
    /// The cell state cₜ and tanh(cₜ).
    public let c: Matrix, tanhC: Matrix
    /// The hidden state hₜ.
    public let h: Matrix
  }

  /// What the forward pass keeps.
  public struct Pass: RecurrentPass {
    /// x₁…x_T.
    public let inputs: SequenceInput
    /// (h₀, c₀).
    public let initialState: State
    /// Every step's gates and states.
    public let steps: [Step]
    /// y₁…y_T.
    public let outputs: [Matrix]
    /// (h_T, c_T).
    public var finalState: State {
      steps.last.map { State(h: $0.h, c: $0.c) } ?? initialState
    }
  }

  /// One step: the gates, the new cell cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ and the new hidden
  /// state hₜ = oₜ ⊙ tanh(cₜ), for an input vector x and the previous state.
  public func step(_ x: Matrix, _ state: State) -> State {
    let p = parameters
    let f = sigmoid(p.Wf * x + p.Uf * state.h + p.bf)
    let i = sigmoid(p.Wi * x + p.Ui * state.h + p.bi)
    let o = sigmoid(p.Wo * x + p.Uo * state.h + p.bo)
    let g = tanh(p.Wc * x + p.Uc * state.h + p.bc)
    let c = f .* state.c + i .* g
    return State(h: o .* tanh(c), c: c)
  }

  /// Runs the LSTM over `inputs` from `state`.
  public func forward(_ inputs: SequenceInput, from state: State) -> Pass {
    let p = parameters
    var hPrev = state.h
    var cPrev = state.c
    var steps: [Step] = []
    steps.reserveCapacity(inputs.count)
    var product = Matrix.zeros(hiddenSize)  // U·hₜ₋₁, written anew for every gate
    for t in 0..<inputs.count {
      let f = sigmoid(inputs.times(p.Wf, at: t, plus: p.Uf, times: hPrev, plus: p.bf, scratch: &product))
      let i = sigmoid(inputs.times(p.Wi, at: t, plus: p.Ui, times: hPrev, plus: p.bi, scratch: &product))
      let o = sigmoid(inputs.times(p.Wo, at: t, plus: p.Uo, times: hPrev, plus: p.bo, scratch: &product))
      let g = tanh(inputs.times(p.Wc, at: t, plus: p.Uc, times: hPrev, plus: p.bc, scratch: &product))
      let c = Matrix.combining(f, cPrev, i, g) { f, c, i, g in f * c + i * g }
      let tanhC = tanh(c)
      let h = o .* tanhC
      steps.append(Step(f: f, i: i, o: o, g: g, c: c, tanhC: tanhC, h: h))
      hPrev = h
      cPrev = c
    }
    // yₜ = W_hy·hₜ + b_y does not feed the recurrence: every step at once.
    var ys = p.Why * steps.map(\.h)
    for t in ys.indices { ys[t] += p.by }
    return Pass(inputs: inputs, initialState: state, steps: steps, outputs: ys)
  }

  /// Backpropagation through time through the gates and the cell state; the initial
  /// state's gradient is (∂L/∂h₀, ∂L/∂c₀), what step 1 sends back through the gates'
  /// recurrent weights and through c₁ = f₁ ⊙ c₀ + ….
  public func backwardWithInitialState(
    _ pass: Pass, outputGradients dys: [Matrix], carryFromFuture: Bool
  ) -> (parameters: Parameters, initialState: State) {
    let p = parameters
    let (steps, n) = (pass.steps.count, hiddenSize)
    var g = p.zeros()
    var dhNext = Matrix.zeros(n)
    var dcNext = Matrix.zeros(n)
    let dhs = p.Why.T * dys  // W_hyᵀ·dyₜ for every step at once
    // dzₜ of each gate and hₜ₋₁, as rows, last step first: the recurrent weights'
    // gradients Σₜ dzₜ·hₜ₋₁ᵀ are summed at the end, as products of these matrices.
    func rows() -> Matrix { Matrix(rows: steps, cols: n) }
    var dz = (f: rows(), i: rows(), o: rows(), c: rows())
    var hPrevs = rows()
    // One step's vectors, written anew at every step.
    var (dh, dc, product) = (Matrix.zeros(n), Matrix.zeros(n), Matrix.zeros(n))
    var (dzf, dzi, dzo, dzc) = (Matrix.zeros(n), Matrix.zeros(n), Matrix.zeros(n), Matrix.zeros(n))
    for (row, t) in stride(from: steps - 1, through: 0, by: -1).enumerated() {
      let s = pass.steps[t]
      let hPrev = t > 0 ? pass.steps[t - 1].h : pass.initialState.h
      let cPrev = t > 0 ? pass.steps[t - 1].c : pass.initialState.c
      g.by += dys[t]
      dh.assign(dhs[t])
      if carryFromFuture { dh += dhNext }
      // Through hₜ = oₜ ⊙ tanh(cₜ) …
      dc.set(combining: dh, s.o, s.tanhC) { dh, o, tanhC in dh * o * (1 - tanhC * tanhC) }
      if carryFromFuture { dc += dcNext }  // … and through cₜ₊₁ = fₜ₊₁ ⊙ cₜ + …
      // Gradients at each gate's pre-activation (σ' = σ(1 − σ), tanh' = 1 − tanh²).
      dzf.set(combining: dc, cPrev, s.f) { dc, c, f in dc * c * f * (1 - f) }
      dzi.set(combining: dc, s.g, s.i) { dc, g, i in dc * g * i * (1 - i) }
      dzo.set(combining: dh, s.tanhC, s.o) { dh, tanhC, o in dh * tanhC * o * (1 - o) }
      dzc.set(combining: dc, s.i, s.g) { dc, i, g in dc * i * (1 - g * g) }
      pass.inputs.accumulate(dzf, into: &g.Wf, at: t)
      g.bf += dzf
      pass.inputs.accumulate(dzi, into: &g.Wi, at: t)
      g.bi += dzi
      pass.inputs.accumulate(dzo, into: &g.Wo, at: t)
      g.bo += dzo
      pass.inputs.accumulate(dzc, into: &g.Wc, at: t)
      g.bc += dzc
      dz.f.setRow(row, to: dzf)
      dz.i.setRow(row, to: dzi)
      dz.o.setRow(row, to: dzo)
      dz.c.setRow(row, to: dzc)
      hPrevs.setRow(row, to: hPrev)
      // ∂L/∂hₜ₋₁ = U_fᵀ·dz_f + U_iᵀ·dz_i + U_oᵀ·dz_o + U_cᵀ·dz_c
      dhNext.setProduct(p.Uf.T, dzf)
      product.setProduct(p.Ui.T, dzi)
      dhNext += product
      product.setProduct(p.Uo.T, dzo)
      dhNext += product
      product.setProduct(p.Uc.T, dzc)
      dhNext += product
      dcNext.set(combining: dc, s.f) { dc, f in dc * f }
    }
    guard steps > 0 else { return (g, State(h: dhNext, c: dcNext)) }
    (g.Uf, g.Ui) = (dz.f.T * hPrevs, dz.i.T * hPrevs)  // Σₜ dzₜ·hₜ₋₁ᵀ
    (g.Uo, g.Uc) = (dz.o.T * hPrevs, dz.c.T * hPrevs)
    g.Why = Matrix(stacking: dys.reversed()).T * Matrix(stacking: pass.steps.reversed().map(\.h))  // Σₜ dyₜ·hₜᵀ
    return (g, State(h: dhNext, c: dcNext))
  }
}
