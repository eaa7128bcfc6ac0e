/// Dot-product attention of one query over a sequence of states.
///
/// The states h₁…h_S are the rows of H (S×n, one row per source position); the query q
/// has the same length n:
///
///     eⱼ = hⱼ·q                       score of position j     e = H·q
///     αⱼ = exp(eⱼ) / Σₖ exp(eₖ)       weights, summing to 1   α = softmax(e)
///     c = Σⱼ αⱼ·hⱼ                    context                 c = Hᵀ·α
///
/// The softmax runs over the source positions, so the weights say where to look; the
/// context is a weighted average of the states themselves.
public struct Attention: Sendable {
  /// The query q.
  public let query: Matrix
  /// The states attended over, one row per position (S×n).
  public let states: Matrix
  /// The weights α, one per position (S×1).
  public let weights: Matrix
  /// The context c = Hᵀ·α (n×1).
  public let context: Matrix

  /// The weights and context of `query` over the rows of `states`.
  public init(query: Matrix, over states: Matrix) {
    precondition(
      states.cols == query.rows && query.cols == 1,
      "a query of \(query.shape) cannot attend over states of \(states.shape)")
    self.query = query
    self.states = states
    weights = softmax(states * query)
    context = states.T * weights
  }

  /// The backward pass from ∂L/∂c: returns ∂L/∂q and adds ∂L/∂H to `statesGradient`.
  ///
  ///     ∂L/∂α = H·∂L/∂c
  ///     ∂L/∂e = α ⊙ (∂L/∂α − αᵀ·∂L/∂α)      (the softmax's Jacobian)
  ///     ∂L/∂q = Hᵀ·∂L/∂e
  ///     ∂L/∂H = α·(∂L/∂c)ᵀ + ∂L/∂e·qᵀ        (through the context and the scores)
  public func backward(contextGradient dc: Matrix, statesGradient dH: inout Matrix) -> Matrix {
    var de = states * dc  // ∂L/∂α, then ∂L/∂e
    let average = (weights.T * de)[0]
    de.updateEach { $0 - average }
    de = weights .* de
    dH.addProduct(weights, dc.T)
    dH.addProduct(de, query.T)
    return states.T * de
  }
}
