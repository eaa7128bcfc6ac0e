extension GRU {
  /// What a forward pass over a minibatch keeps: the same as ``Pass``, with B sequences
  /// side by side, one column each (every state and gate is hidden×B).
  public struct BatchPass: Sendable {
    /// The tokens read: `tokens[t][b]` is sequence b's token at step t.
    public let tokens: [[Int]]
    /// h₀ for every sequence, hidden×B.
    public let initialHidden: Matrix
    /// Every step's gates and states, hidden×B each.
    public let steps: [Step]
    /// h_T for every sequence.
    public var finalState: Matrix { steps.last?.h ?? initialHidden }
  }

  /// Reads B token sequences of equal length side by side: the formulas of
  /// ``forward(_:from:)`` with every vector replaced by a hidden×B matrix, so each step
  /// is a few matrix–matrix products instead of B matrix–vector ones. `tokens[t][b]` is
  /// sequence b's token at step t; `state` is hidden×B. The output layer is not applied
  /// (see ``outputs(_:)``).
  public func forwardBatch(tokens: [[Int]], from state: Matrix) -> BatchPass {
    let p = parameters
    // U·H as (Uᵀ)ᵀ·H: the product then runs through the tiled kernel of `Transposed`.
    let (uz, ur, uh) = (p.Uz.transposedCopy, p.Ur.transposedCopy, p.Uh.transposedCopy)
    var hPrev = state
    var steps: [Step] = []
    steps.reserveCapacity(tokens.count)
    for column in tokens {
      let z = sigmoid(p.Wz.columns(column, plus: p.bz) + uz.T * hPrev)
      let r = sigmoid(p.Wr.columns(column, plus: p.br) + ur.T * hPrev)
      let candidate = tanh(p.Wh.columns(column, plus: p.bh) + uh.T * (r .* hPrev))
      let h = Matrix.combining(z, hPrev, candidate) { z, h, candidate in z * h + (1 - z) * candidate }
      steps.append(Step(z: z, r: r, candidate: candidate, h: h))
      hPrev = h
    }
    return BatchPass(tokens: tokens, initialHidden: state, steps: steps)
  }

  /// yₜ = W_hy·hₜ + b_y for every step of a batched pass, output×B each.
  public func outputs(_ pass: BatchPass) -> [Matrix] {
    let p = parameters
    let why = p.Why.transposedCopy
    return pass.steps.map { why.T * $0.h + p.by.repeated($0.h.cols) }
  }

  /// Backpropagation through time over a minibatch: the weights' gradients summed over
  /// the B sequences, and ∂L/∂h₀ for each (hidden×B).
  ///
  /// `outputGradients[t]` (output×B) is ∂L/∂yₜ, or nil where the output layer is not
  /// used; `stateGradients[t]` (hidden×B), when given, is what reaches hₜ from outside;
  /// `finalStateGradient` is added to the last step's. The same steps as
  /// ``backwardWithInitialState(_:outputGradients:carryFromFuture:)``, column by column.
  public func backwardBatch(
    _ pass: BatchPass, outputGradients: [Matrix]?, stateGradients: [Matrix]? = nil,
    finalStateGradient: Matrix? = nil
  ) -> (parameters: Parameters, initialState: Matrix) {
    let p = parameters
    var g = p.zeros()
    var dhNext = Matrix.zeros(hiddenSize, pass.initialHidden.cols)
    for t in stride(from: pass.steps.count - 1, through: 0, by: -1) {
      let s = pass.steps[t]
      let hPrev = t > 0 ? pass.steps[t - 1].h : pass.initialHidden
      var dh = dhNext
      if let dys = outputGradients {
        g.Why.addBatchProduct(dys[t], s.h)
        g.by += dys[t].rowSums
        dh += p.Why.T * dys[t]
      }
      if let external = stateGradients { dh += external[t] }
      if t == pass.steps.count - 1, let final = finalStateGradient { dh += final }
      // hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ ĥₜ
      let dzz = Matrix.combining(dh, hPrev, s.candidate, s.z) { dh, h, candidate, z in
        dh * (h - candidate) * z * (1 - z)
      }
      let dzh = Matrix.combining(dh, s.z, s.candidate) { dh, z, candidate in dh * (1 - z) * (1 - candidate * candidate)
      }
      g.Wh.addColumns(dzh, at: pass.tokens[t])
      g.Uh.addBatchProduct(dzh, s.r .* hPrev)
      g.bh += dzh.rowSums
      let dResetHidden = p.Uh.T * dzh  // ∂L/∂(rₜ ⊙ hₜ₋₁)
      let dzr = Matrix.combining(dResetHidden, hPrev, s.r) { d, h, r in d * h * r * (1 - r) }
      g.Wr.addColumns(dzr, at: pass.tokens[t])
      g.Ur.addBatchProduct(dzr, hPrev)
      g.br += dzr.rowSums
      g.Wz.addColumns(dzz, at: pass.tokens[t])
      g.Uz.addBatchProduct(dzz, hPrev)
      g.bz += dzz.rowSums
      dhNext =
        Matrix.combining(dh, s.z, dResetHidden, s.r) { dh, z, d, r in dh * z + d * r } + p.Ur.T * dzr + p.Uz.T * dzz
    }
    return (g, dhNext)
  }
}

extension Matrix {
  /// Adds D·Xᵀ, summed over a batch's columns, computed as (Dᵀ)ᵀ·(Xᵀ): with the batch
  /// as the inner dimension, the product runs through the tiled kernel of `Transposed`
  /// rather than one short dot product per entry.
  fileprivate mutating func addBatchProduct(_ d: Matrix, _ x: Matrix) {
    self += d.transposedCopy.T * x.transposedCopy
  }

  /// Mᵀ as a matrix of its own.
  fileprivate var transposedCopy: Matrix {
    var t = Matrix(rows: cols, cols: rows)
    let (r, c) = (rows, cols)
    elements.withUnsafeBufferPointer { m in
      t.elements.withUnsafeMutableBufferPointer { t in
        for i in 0..<r {
          for j in 0..<c { t[j &* r &+ i] = m[i &* c &+ j] }
        }
      }
    }
    return t
  }

  /// The columns `indices` of this matrix side by side, plus `bias` in every column:
  /// W·[onehot(i₁) … onehot(i_B)] + b, the input products of a batch of tokens.
  fileprivate func columns(_ indices: [Int], plus bias: Matrix) -> Matrix {
    let (n, c) = (indices.count, cols)
    var m = Matrix(rows: rows, cols: n)
    elements.withUnsafeBufferPointer { w in
      bias.elements.withUnsafeBufferPointer { b in
        m.elements.withUnsafeMutableBufferPointer { m in
          for i in 0..<rows {
            for (k, j) in indices.enumerated() { m[i &* n &+ k] = w[i &* c &+ j] + b[i] }
          }
        }
      }
    }
    return m
  }

  /// Adds column k of `d` to column `indices[k]` of this matrix, for every k: the
  /// gradient of ``columns(_:plus:)`` with respect to W.
  fileprivate mutating func addColumns(_ d: Matrix, at indices: [Int]) {
    let (n, c) = (d.cols, cols)
    d.elements.withUnsafeBufferPointer { d in
      elements.withUnsafeMutableBufferPointer { w in
        for i in 0..<rows {
          for (k, j) in indices.enumerated() { w[i &* c &+ j] += d[i &* n &+ k] }
        }
      }
    }
  }

  /// This column vector repeated `count` times side by side (a bias for every sequence
  /// of a batch).
  fileprivate func repeated(_ count: Int) -> Matrix {
    var m = Matrix(rows: rows, cols: count)
    elements.withUnsafeBufferPointer { v in
      m.elements.withUnsafeMutableBufferPointer { m in
        for i in 0..<rows {
          for k in 0..<count { m[i &* count &+ k] = v[i] }
        }
      }
    }
    return m
  }

  /// The sum of each row, as a column vector: a batch's gradients summed.
  fileprivate var rowSums: Matrix {
    var v = Matrix(rows: rows, cols: 1)
    let c = cols
    elements.withUnsafeBufferPointer { m in
      v.elements.withUnsafeMutableBufferPointer { v in
        for i in 0..<rows {
          for k in 0..<c { v[i] += m[i &* c &+ k] }
        }
      }
    }
    return v
  }
}
