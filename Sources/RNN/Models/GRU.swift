/// The gated recurrent unit (Cho et al., 2014), with an output layer.
///
///     zₜ = σ(W_z·xₜ + U_z·hₜ₋₁ + b_z)              update gate
///     rₜ = σ(W_r·xₜ + U_r·hₜ₋₁ + b_r)              reset gate
///     ĥₜ = tanh(W_h·xₜ + U_h·(rₜ ⊙ hₜ₋₁) + b_h)    candidate state
///     hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ ĥₜ
///     yₜ = W_hy·hₜ + b_y
///
/// Where zₜ is near 1 the unit keeps its old state untouched, and the gradient passes
/// back through that step scaled by nearly 1.
public struct GRU: RecurrentModel {
  /// The GRU's weights: W, U and b for each gate and the candidate, and the output layer.
  public struct Parameters: ParameterSet {
    /// Update gate: input weights, recurrent weights, bias.
    public var Wz: Matrix, Uz: Matrix, bz: Matrix
    /// Reset gate: input weights, recurrent weights, bias.
    public var Wr: Matrix, Ur: Matrix, br: Matrix
    /// Candidate state: input weights, recurrent weights, bias.
    public var Wh: Matrix, Uh: Matrix, bh: Matrix
    /// Output layer: weights and bias.
    public var Why: Matrix, by: Matrix

    /// The eleven matrices by name.
    public static var parameterPaths: [(name: String, path: WritableKeyPath<Self, Matrix>)] {
      [
        ("Wz", \.Wz), ("Uz", \.Uz), ("bz", \.bz), ("Wr", \.Wr), ("Ur", \.Ur), ("br", \.br),
        ("Wh", \.Wh), ("Uh", \.Uh), ("bh", \.bh), ("Why", \.Why), ("by", \.by),
      ]
    }

    /// 3e-5 rather than 1e-5: the gate and bias gradients are small next to the largest
    /// entry, so rounding weighs more and the error floor is higher. Measured in the
    /// library's tests (worst over two sizes, three seeds, tokens and vectors): 2.3e-9 at
    /// 3e-5 and 2.0e-9 at 1e-5, flat between; 3e-5 keeps away from the rounding side.
    public static var gradientCheckStep: Double { 3e-5 }

    /// Weights given one by one, gate by gate.
    public init(
      Wz: Matrix, Uz: Matrix, bz: Matrix, Wr: Matrix, Ur: Matrix, br: Matrix,
      Wh: Matrix, Uh: Matrix, bh: Matrix, Why: Matrix, by: Matrix
    ) {
      (self.Wz, self.Uz, self.bz, self.Wr, self.Ur, self.br) = (Wz, Uz, bz, Wr, Ur, br)
      (self.Wh, self.Uh, self.bh, self.Why, self.by) = (Wh, Uh, bh, Why, by)
    }
  }

  /// The weights.
  public var parameters: Parameters

  /// A GRU with normal weights times `weightScale` and zero biases.
  public init(
    inputSize: Int, hiddenSize: Int, outputSize: Int, weightScale: Double = 0.1,
    using rng: inout SeededGenerator
  ) {
    func w() -> Matrix { .random(hiddenSize, inputSize, scale: weightScale, using: &rng) }
    func u() -> Matrix { .random(hiddenSize, hiddenSize, scale: weightScale, using: &rng) }
    let b = Matrix.zeros(hiddenSize)
    parameters = Parameters(
      Wz: w(), Uz: u(), bz: b, Wr: w(), Ur: u(), br: b, Wh: w(), Uh: u(), bh: b,
      Why: .random(outputSize, hiddenSize, scale: weightScale, using: &rng), by: .zeros(outputSize))
  }

  /// A GRU with the given weights.
  public init(parameters: Parameters) {
    self.parameters = parameters
  }

  /// The size of hₜ.
  public var hiddenSize: Int { parameters.Uz.rows }
  /// h₀ = 0.
  public var initialState: Matrix { .zeros(hiddenSize) }

  /// The values of one step, kept for the backward pass.
  public struct Step: Sendable {
    /// The gates zₜ and rₜ, and the candidate ĥₜ.
    public let z: Matrix, r: Matrix, candidate: Matrix
    /// The hidden state hₜ.
    public let h: Matrix
  }

  /// What the forward pass keeps.
  public struct Pass: RecurrentPass {
    /// x₁…x_T.
    public let inputs: SequenceInput
    /// h₀.
    public let initialHidden: Matrix
    /// Every step's gates and states.
    public let steps: [Step]
    /// y₁…y_T.
    public let outputs: [Matrix]
    /// h_T.
    public var finalState: Matrix { steps.last?.h ?? initialHidden }
  }

  /// One step: the gates zₜ and rₜ, the candidate ĥₜ and the new state
  /// hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ ĥₜ, for an input vector x and the previous state h.
  public func step(_ x: Matrix, _ h: Matrix) -> Matrix {
    let p = parameters
    let z = sigmoid(p.Wz * x + p.Uz * h + p.bz)
    let r = sigmoid(p.Wr * x + p.Ur * h + p.br)
    let candidate = tanh(p.Wh * x + p.Uh * (r .* h) + p.bh)
    return z .* h + (1 - z) .* candidate
  }

  /// Runs the GRU over `inputs` from `state`.
  public func forward(_ inputs: SequenceInput, from state: Matrix) -> Pass {
    let p = parameters
    var hPrev = state
    var steps: [Step] = []
    steps.reserveCapacity(inputs.count)
    // U·hₜ₋₁ and rₜ ⊙ hₜ₋₁, written anew at every step.
    var (product, resetHidden) = (Matrix.zeros(hiddenSize), Matrix.zeros(hiddenSize))
    for t in 0..<inputs.count {
      let z = sigmoid(inputs.times(p.Wz, at: t, plus: p.Uz, times: hPrev, plus: p.bz, scratch: &product))
      let r = sigmoid(inputs.times(p.Wr, at: t, plus: p.Ur, times: hPrev, plus: p.br, scratch: &product))
      resetHidden.set(combining: r, hPrev) { r, h in r * h }
      let candidate = tanh(inputs.times(p.Wh, at: t, plus: p.Uh, times: resetHidden, plus: p.bh, scratch: &product))
      let h = Matrix.combining(z, hPrev, candidate) { z, h, candidate in z * h + (1 - z) * candidate }
      steps.append(Step(z: z, r: r, candidate: candidate, h: h))
      hPrev = h
    }
    // yₜ = W_hy·hₜ + b_y does not feed the recurrence: every step at once.
    var ys = p.Why * steps.map(\.h)
    for t in ys.indices { ys[t] += p.by }
    return Pass(inputs: inputs, initialHidden: state, steps: steps, outputs: ys)
  }

  /// Backpropagation through time through both gates and the candidate; the initial
  /// state's gradient is ∂L/∂h₀, what step 1 sends back by all three routes.
  public func backwardWithInitialState(
    _ pass: Pass, outputGradients dys: [Matrix], carryFromFuture: Bool
  ) -> (parameters: Parameters, initialState: Matrix) {
    let p = parameters
    let (steps, n) = (pass.steps.count, hiddenSize)
    var g = p.zeros()
    var dhNext = Matrix.zeros(n)
    let dhs = p.Why.T * dys  // W_hyᵀ·dyₜ for every step at once
    // dzₜ and what each recurrent weight multiplied, as rows, last step first: the
    // recurrent weights' gradients are summed at the end, as products of these matrices.
    var dz = (z: Matrix(rows: steps, cols: n), r: Matrix(rows: steps, cols: n), h: Matrix(rows: steps, cols: n))
    var (hPrevs, resetHPrevs) = (Matrix(rows: steps, cols: n), Matrix(rows: steps, cols: n))
    // One step's vectors, written anew at every step.
    var (dh, dzz, dzh, dzr) = (Matrix.zeros(n), Matrix.zeros(n), Matrix.zeros(n), Matrix.zeros(n))
    var (dResetHidden, product) = (Matrix.zeros(n), Matrix.zeros(n))
    for (row, t) in stride(from: steps - 1, through: 0, by: -1).enumerated() {
      let s = pass.steps[t]
      let hPrev = t > 0 ? pass.steps[t - 1].h : pass.initialHidden
      g.by += dys[t]
      dh.assign(dhs[t])
      if carryFromFuture { dh += dhNext }
      // hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ ĥₜ
      dzz.set(combining: dh, hPrev, s.candidate, s.z) { dh, h, candidate, z in dh * (h - candidate) * z * (1 - z) }
      dzh.set(combining: dh, s.z, s.candidate) { dh, z, candidate in dh * (1 - z) * (1 - candidate * candidate) }
      pass.inputs.accumulate(dzh, into: &g.Wh, at: t)
      dz.h.setRow(row, to: dzh)
      resetHPrevs.setRow(row, combining: s.r, hPrev) { r, h in r * h }
      g.bh += dzh
      dResetHidden.setProduct(p.Uh.T, dzh)  // ∂L/∂(rₜ ⊙ hₜ₋₁)
      dzr.set(combining: dResetHidden, hPrev, s.r) { d, h, r in d * h * r * (1 - r) }
      pass.inputs.accumulate(dzr, into: &g.Wr, at: t)
      dz.r.setRow(row, to: dzr)
      g.br += dzr
      pass.inputs.accumulate(dzz, into: &g.Wz, at: t)
      dz.z.setRow(row, to: dzz)
      hPrevs.setRow(row, to: hPrev)
      g.bz += dzz
      // ∂L/∂hₜ₋₁ = dh ⊙ zₜ + ∂L/∂(rₜ ⊙ hₜ₋₁) ⊙ rₜ + U_rᵀ·dz_r + U_zᵀ·dz_z
      dhNext.set(combining: dh, s.z, dResetHidden, s.r) { dh, z, d, r in dh * z + d * r }
      product.setProduct(p.Ur.T, dzr)
      dhNext += product
      product.setProduct(p.Uz.T, dzz)
      dhNext += product
    }
    guard steps > 0 else { return (g, dhNext) }
    g.Uh = dz.h.T * resetHPrevs  // Σₜ dzₜ·(rₜ ⊙ hₜ₋₁)ᵀ
    g.Ur = dz.r.T * hPrevs  // Σₜ dzₜ·hₜ₋₁ᵀ
    g.Uz = dz.z.T * hPrevs
    g.Why = Matrix(stacking: dys.reversed()).T * Matrix(stacking: pass.steps.reversed().map(\.h))  // Σₜ dyₜ·hₜᵀ
    return (g, dhNext)
  }
}
