extension GRU {
  /// Backpropagation through time when the loss reaches the hidden states themselves
  /// rather than the GRU's own output layer: an encoder whose states a decoder, or an
  /// attention layer, reads.
  ///
  /// `stateGradients[t]` is gₜ, the part of ∂L/∂hₜ that arrives from outside the
  /// recurrence at step t (zeros where nothing reads hₜ); `finalStateGradient`, when
  /// given, is added to the last step's, as a decoder that starts from h_T sends it. Step
  /// by step, from the last:
  ///
  ///     ∂L/∂hₜ = gₜ + (what step t+1 sends back to hₜ)
  ///
  /// and the gates and the candidate take it apart exactly as in
  /// ``backwardWithInitialState(_:outputGradients:carryFromFuture:)``. The output layer
  /// is not on any path, so the gradients of `Why` and `by` are zero.
  ///
  /// Returns every weight's gradient, ∂L/∂h₀ (what step 1 sends back), and ∂L/∂xₜ for
  /// every step:
  ///
  ///     ∂L/∂xₜ = W_zᵀ·δzₜ + W_rᵀ·δrₜ + W_hᵀ·δĥₜ
  ///
  /// with δ the gradients of the pre-activations. For token inputs it is the gradient
  /// with respect to the one-hot vector, whose entry `token` is what an embedding row
  /// would receive.
  public func backward(
    _ pass: Pass, stateGradients: [Matrix], finalStateGradient: Matrix? = nil
  ) -> (parameters: Parameters, initialState: Matrix, inputs: [Matrix]) {
    let count = pass.steps.count
    precondition(stateGradients.count == count, "one state gradient per step")
    let p = parameters
    var g = p.zeros()
    var inputGradients = [Matrix](repeating: .zeros(p.Wz.cols), count: count)
    var dhNext = Matrix.zeros(hiddenSize)
    for t in stride(from: count - 1, through: 0, by: -1) {
      let s = pass.steps[t]
      let hPrev = t > 0 ? pass.steps[t - 1].h : pass.initialHidden
      var dh = stateGradients[t] + dhNext
      if t == count - 1, let final = finalStateGradient { dh += final }
      // hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ ĥₜ
      let dzz = Matrix.combining(dh, hPrev, s.candidate, s.z) { dh, h, candidate, z in
        dh * (h - candidate) * z * (1 - z)
      }
      let dzh = Matrix.combining(dh, s.z, s.candidate) { dh, z, candidate in dh * (1 - z) * (1 - candidate * candidate)
      }
      pass.inputs.accumulate(dzh, into: &g.Wh, at: t)
      g.Uh.addProduct(dzh, (s.r .* hPrev).T)
      g.bh += dzh
      let dResetHidden = p.Uh.T * dzh  // ∂L/∂(rₜ ⊙ hₜ₋₁)
      let dzr = Matrix.combining(dResetHidden, hPrev, s.r) { d, h, r in d * h * r * (1 - r) }
      pass.inputs.accumulate(dzr, into: &g.Wr, at: t)
      g.Ur.addProduct(dzr, hPrev.T)
      g.br += dzr
      pass.inputs.accumulate(dzz, into: &g.Wz, at: t)
      g.Uz.addProduct(dzz, hPrev.T)
      g.bz += dzz
      inputGradients[t] = p.Wz.T * dzz + p.Wr.T * dzr + p.Wh.T * dzh
      dhNext =
        Matrix.combining(dh, s.z, dResetHidden, s.r) { dh, z, d, r in dh * z + d * r } + p.Ur.T * dzr + p.Uz.T * dzz
    }
    if count == 0, let final = finalStateGradient { dhNext = final }
    return (g, dhNext, inputGradients)
  }
}
