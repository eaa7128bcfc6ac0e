extension VanillaRNN {
  /// Backpropagation through time when the loss reaches the hidden states from above
  /// rather than through the network's own output layer: a layer stacked on this one,
  /// or an output layer that reads this layer's states together with others.
  ///
  /// `stateGradients[t]` is gₜ, the part of ∂L/∂hₜ that arrives from outside the
  /// recurrence at step t (zeros where nothing reads hₜ). Step by step, from the last:
  ///
  ///     ∂L/∂hₜ = gₜ + W_hhᵀ·dzₜ₊₁
  ///     dzₜ    = (1 − hₜ²) ⊙ ∂L/∂hₜ
  ///     ∂L/∂xₜ = W_xhᵀ·dzₜ
  ///
  /// and the weights' gradients are the sums of
  /// ``backwardWithInitialState(_:outputGradients:carryFromFuture:)``. The output layer
  /// is on no path, so the gradients of `Why` and `by` are zero. `carryFromFuture:
  /// false` drops W_hhᵀ·dzₜ₊₁ (the classic mistake, kept for tests to catch).
  ///
  /// Returns every weight's gradient, ∂L/∂h₀ (what step 1 sends back), and ∂L/∂xₜ for
  /// every step: what this layer passes down to the one below. For token inputs it is
  /// the gradient with respect to the one-hot vector.
  public func backward(
    _ pass: Pass, stateGradients: [Matrix], carryFromFuture: Bool = true
  ) -> (parameters: Parameters, initialState: Matrix, inputs: [Matrix]) {
    let p = parameters
    let steps = pass.hiddenStates.count
    precondition(stateGradients.count == steps, "one state gradient per step")
    var g = p.zeros()
    var dzs = [Matrix](repeating: .zeros(hiddenSize), count: steps)
    var dhNext = Matrix.zeros(hiddenSize)  // ∂L/∂hₜ through hₜ₊₁
    for t in stride(from: steps - 1, through: 0, by: -1) {
      let h = pass.hiddenStates[t]
      var dh = stateGradients[t]
      if carryFromFuture { dh += dhNext }
      let dz = Matrix.combining(h, dh) { h, dh in (1 - h * h) * dh }  // through tanh
      g.bh += dz
      pass.inputs.accumulate(dz, into: &g.Wxh, at: t)  // dW_xh += dzₜ·xₜᵀ
      dzs[t] = dz
      dhNext = p.Whh.T * dz
    }
    let Hprev = Matrix(stacking: [pass.initialHidden] + pass.hiddenStates.dropLast())  // row t is hₜ₋₁
    if steps > 0 { g.Whh = Matrix(stacking: dzs).T * Hprev }  // Σₜ dzₜ·hₜ₋₁ᵀ
    let inputGradients = steps > 0 ? p.Wxh.T * dzs : []  // W_xhᵀ·dzₜ for every step at once
    return (g, dhNext, inputGradients)
  }
}
