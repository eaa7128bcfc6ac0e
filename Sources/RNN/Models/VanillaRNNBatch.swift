/// The vanilla RNN over a minibatch: B sequences step by step together, the rows of
/// each matrix being the sequences.
///
///     Hₜ = tanh(Xₜ·W_xhᵀ + Hₜ₋₁·W_hhᵀ + b_h)     row b of Hₜ is sequence b's hₜ
///     Yₜ = Hₜ·W_hyᵀ + b_y
///
/// Every product is a matrix times many vectors, so each block of weights is loaded
/// once for the whole batch. With one sequence the arithmetic is that of
/// ``VanillaRNN/lossAndGradients(_:from:loss:)``, bit for bit: every sum runs in the
/// same order.
extension VanillaRNN {
  /// The summed softmax cross-entropy of the batch, its gradients and the final states.
  public func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], from states: [Matrix]) -> (
    loss: Double, gradients: Parameters, finalStates: [Matrix]
  ) {
    let steps = tokens.first?.count ?? 0
    return batchLossAndGradients(
      tokens: tokens, targets: targets, lengths: [Int](repeating: steps, count: tokens.count), from: states)
  }

  /// The same for sequences of different lengths, padded to one length T: sequence b
  /// is steps 1…ℓ_b of row b, and whatever fills the steps after ℓ_b is padding (any
  /// token the model can read, and any target).
  ///
  ///     mₜ,b = 1 if t ≤ ℓ_b, else 0                      the mask
  ///     L = Σ_b Σₜ mₜ,b · CE(softmax(yₜ,b), targetₜ,b)    padded steps add nothing
  ///     ∂L/∂yₜ,b = mₜ,b · (softmax(yₜ,b) − onehot(targetₜ,b))
  ///
  /// Padding comes after the real steps, so nothing flows back into them from a padded
  /// step: there ∂L/∂yₜ,b = 0 and, from the last step down, ∂L/∂hₜ,b = 0. The backward
  /// pass skips those steps, and each sequence's final state is h_ℓ_b, read at its own
  /// last step. Loss, gradients and final states are those of the sequences read one by
  /// one, unpadded (to rounding: the sums run in another order).
  public func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], lengths: [Int], from states: [Matrix])
    -> (loss: Double, gradients: Parameters, finalStates: [Matrix])
  {
    let batch = tokens.count
    precondition(
      batch > 0 && targets.count == batch && states.count == batch && lengths.count == batch,
      "one target list, length and state per sequence")
    let steps = tokens[0].count
    precondition(
      tokens.allSatisfy { $0.count == steps } && targets.allSatisfy { $0.count == steps },
      "sequences padded to one length")
    precondition(lengths.allSatisfy { (0...steps).contains($0) }, "lengths between 0 and the padded length")
    let p = parameters
    // Rows t·B ..< (t + 1)·B of H are Hₜ; H₀ holds the states.
    var H = Rows(count: (steps + 1) * batch, width: hiddenSize)
    for b in 0..<batch { H.set(b, states[b]) }
    var recurrent = Rows(count: batch, width: hiddenSize)
    for t in 1...steps {
      recurrent.setProducts(p.Whh, of: H, rows: (t - 1) * batch, count: batch, at: 0)  // Hₜ₋₁·W_hhᵀ
      for b in 0..<batch {
        var z = p.Wxh.column(tokens[b][t - 1])  // + Xₜ·W_xhᵀ: a column per token
        z += recurrent.vector(b)
        z += p.bh
        H.set(t * batch + b, tanh(z))
      }
    }
    // Yₜ = Hₜ·W_hyᵀ + b_y, every step and sequence at once, and the loss.
    var Y = Rows(count: steps * batch, width: outputSize)
    Y.setProducts(p.Why, of: H, rows: batch, count: steps * batch, at: 0)
    var dY = Rows(count: steps * batch, width: outputSize)
    var loss = 0.0
    for t in 0..<steps {
      for b in 0..<batch where t < lengths[b] {  // mₜ,b = 1
        var y = Y.vector(t * batch + b)
        y += p.by
        let (l, dy) = softmaxCrossEntropy(logits: y, target: targets[b][t])
        loss += l
        dY.set(t * batch + b, dy)
      }
    }
    // Backward: ∂L/∂Hₜ through Yₜ for every step at once, then the recurrence.
    var dH = Rows(count: steps * batch, width: hiddenSize)
    dH.addTransposedProducts(p.Why, of: dY, rows: 0, count: steps * batch, at: 0)  // dYₜ·W_hy
    var dZ = Rows(count: steps * batch, width: hiddenSize)
    var dHNext = Rows(count: batch, width: hiddenSize)
    var g = p.zeros()
    for t in stride(from: steps - 1, through: 0, by: -1) {
      for b in 0..<batch where t < lengths[b] {  // a padded step's rows stay 0
        let row = t * batch + b
        var dh = dH.vector(row)
        dh += dHNext.vector(b)  // … and through Hₜ₊₁
        let h = H.vector((t + 1) * batch + b)
        let dz = (1 - h .* h) .* dh  // through tanh
        g.by += dY.vector(row)
        g.bh += dz
        SequenceInput.tokens([tokens[b][t]]).accumulate(dz, into: &g.Wxh, at: 0)
        dZ.set(row, dz)
      }
      dHNext = Rows(count: batch, width: hiddenSize)
      dHNext.addTransposedProducts(p.Whh, of: dZ, rows: t * batch, count: batch, at: 0)  // dZₜ·W_hh
    }
    g.Whh.addTransposedProduct(dZ, H, rows: 0, count: steps * batch)  // Σ dZₜᵀ·Hₜ₋₁
    g.Why.addTransposedProduct(dY, H, rows: batch, count: steps * batch)  // Σ dYₜᵀ·Hₜ
    return (loss, g, (0..<batch).map { H.vector(lengths[$0] * batch + $0) })  // h_ℓ_b
  }
}

/// Vectors of equal length stored one after another, row by row: the batch's states,
/// outputs and gradients for every step.
struct Rows {
  let width: Int
  var elements: [Double]

  init(count: Int, width: Int) {
    self.width = width
    elements = [Double](repeating: 0, count: count * width)
  }

  /// Row i as a column vector.
  func vector(_ i: Int) -> Matrix {
    Matrix(vector: Array(elements[(i * width)..<((i + 1) * width)]))
  }

  /// Sets row i to v.
  mutating func set(_ i: Int, _ v: Matrix) {
    elements.replaceSubrange((i * width)..<((i + 1) * width), with: v.elements)
  }

  /// Rows `at`..< `at` + count become W·x for the rows x of `source` from `rows` on.
  mutating func setProducts(_ w: Matrix, of source: Rows, rows: Int, count: Int, at: Int) {
    precondition(w.rows == width && w.cols == source.width)
    w.elements.withUnsafeBufferPointer { a in
      source.elements.withUnsafeBufferPointer { x in
        elements.withUnsafeMutableBufferPointer { y in
          Kernels.matrixVectors(
            a.baseAddress!, w.rows, w.cols, x.baseAddress! + rows * source.width, count, y.baseAddress! + at * width)
        }
      }
    }
  }

  /// Rows `at`..< `at` + count gain Wᵀ·x for the rows x of `source` from `rows` on.
  mutating func addTransposedProducts(_ w: Matrix, of source: Rows, rows: Int, count: Int, at: Int) {
    precondition(w.cols == width && w.rows == source.width)
    w.elements.withUnsafeBufferPointer { a in
      source.elements.withUnsafeBufferPointer { x in
        elements.withUnsafeMutableBufferPointer { y in
          Kernels.addTransposedMatrixVectors(
            a.baseAddress!, w.rows, w.cols, x.baseAddress! + rows * source.width, count, y.baseAddress! + at * width)
        }
      }
    }
  }
}

extension Matrix {
  /// Adds Σᵢ aᵢ·bᵢᵀ over the rows aᵢ of `a` and the rows bᵢ of `b` from `rows` on, in
  /// order: `count` outer products as one product of matrices.
  mutating func addTransposedProduct(_ a: Rows, _ b: Rows, rows: Int, count: Int) {
    precondition(self.rows == a.width && cols == b.width)
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        elements.withUnsafeMutableBufferPointer { pc in
          Kernels.addTransposedProduct(
            pa.baseAddress!, pb.baseAddress! + rows * b.width, pc.baseAddress!, k: count, m: a.width, n: b.width)
        }
      }
    }
  }
}
