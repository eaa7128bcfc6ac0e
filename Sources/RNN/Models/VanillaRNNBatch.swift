/// The vanilla RNN over a minibatch: B sequences step by step together, the rows of
/// each matrix being the sequences.
///
///     Hₜ = tanh(Xₜ·W_xhᵀ + Hₜ₋₁·W_hhᵀ + b_h)     row b of Hₜ is sequence b's hₜ
///     Yₜ = Hₜ·W_hyᵀ + b_y
///
/// Every product is a product of matrices in register tiles (W_hh and W_hy packed once
/// per call), so each block of weights is loaded once for the whole batch, and the
/// weight gradients are products over all steps at once; the element-wise work runs on
/// the rows in place, allocating nothing per step. With one sequence the arithmetic is
/// that of
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
    let (Whh, Why) = (PackedWeights(p.Whh), PackedWeights(p.Why))
    let WxhT = p.Wxh.T.matrix  // row k is W_xh's column k, what token k adds
    // Rows t·B ..< (t + 1)·B of H are Hₜ; H₀ holds the states.
    var H = Rows(uninitializedCount: (steps + 1) * batch, width: hiddenSize)
    for b in 0..<batch { H.set(b, states[b]) }
    var recurrent = Rows(uninitializedCount: batch, width: hiddenSize)
    for t in 1...steps {
      recurrent.setProducts(Whh, of: H, rows: (t - 1) * batch, count: batch, at: 0)  // Hₜ₋₁·W_hhᵀ
      for b in 0..<batch {
        // zₜ = W_xh·xₜ + W_hh·hₜ₋₁ + b_h, W_xh·xₜ being the token's column
        H.setSum(t * batch + b, WxhT, row: tokens[b][t - 1], recurrent, row: b, p.bh)
      }
      H.applyTanh(rows: t * batch, count: batch)  // Hₜ = tanh(Zₜ)
    }
    // Yₜ = Hₜ·W_hyᵀ + b_y, every step and sequence at once, and the loss; dY holds
    // ∂L/∂Yₜ = softmax(Yₜ) − onehot(targets).
    var dY = Rows(uninitializedCount: steps * batch, width: outputSize)
    dY.setProducts(Why, of: H, rows: batch, count: steps * batch, at: 0)
    let mask = (0..<(steps * batch)).map { $0 / batch < lengths[$0 % batch] }  // mₜ,b = 1
    let loss = dY.softmaxCrossEntropy(
      bias: p.by, targets: (0..<(steps * batch)).map { targets[$0 % batch][$0 / batch] }, mask: mask)
    // Backward: ∂L/∂Hₜ through Yₜ for every step at once, then the recurrence.
    var dH = Rows(uninitializedCount: steps * batch, width: hiddenSize)
    dH.setTransposedProducts(p.Why, of: dY, rows: 0, count: steps * batch, at: 0)  // dYₜ·W_hy
    var dZ = Rows(uninitializedCount: steps * batch, width: hiddenSize)
    var dHNext = Rows(count: batch, width: hiddenSize)
    var g = p.zeros()
    var gWxhT = Rows(count: inputSize, width: hiddenSize)  // row k is ∂L/∂W_xh's column k
    for t in stride(from: steps - 1, through: 0, by: -1) {
      for b in 0..<batch {
        let row = t * batch + b
        guard t < lengths[b] else {  // a padded step's rows are 0
          dZ.setZero(row)
          continue
        }
        // dzₜ = (1 − hₜ ⊙ hₜ) ⊙ (∂L/∂hₜ through yₜ + through hₜ₊₁)
        dZ.setTanhGradient(row, H, row: (t + 1) * batch + b, dH, row: row, dHNext, row: b)
        g.by.add(dY, row: row)
        g.bh.add(dZ, row: row)
        gWxhT.add(dZ, row: row, to: tokens[b][t])
      }
      if t > 0 {
        dHNext.setTransposedProducts(p.Whh, of: dZ, rows: t * batch, count: batch, at: 0)  // dZₜ·W_hh
      }
    }
    g.Wxh = gWxhT.matrix.T.matrix
    g.Whh.addTransposedProduct(dZ, H, rows: 0, count: steps * batch)  // Σ dZₜᵀ·Hₜ₋₁
    g.Why.addTransposedProduct(dY, H, rows: batch, count: steps * batch)  // Σ dYₜᵀ·Hₜ
    return (loss, g, (0..<batch).map { H.vector(lengths[$0] * batch + $0) })  // h_ℓ_b
  }
}

/// A weight matrix with its rows packed for the matrix-matrix kernel, for a matrix that
/// multiplies the states of every step.
struct PackedWeights {
  let matrix: Matrix
  let packed: Kernels.PackedRows

  init(_ matrix: Matrix) {
    self.matrix = matrix
    packed = matrix.elements.withUnsafeBufferPointer {
      Kernels.PackedRows($0.baseAddress!, rows: matrix.rows, cols: matrix.cols)
    }
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

  /// `count` rows whose entries are not set: each must be written before it is read.
  init(uninitializedCount count: Int, width: Int) {
    self.width = width
    elements = [Double](unsafeUninitializedCapacity: count * width) { _, n in n = count * width }
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
  mutating func setProducts(_ w: PackedWeights, of source: Rows, rows: Int, count: Int, at: Int) {
    precondition(w.matrix.rows == width && w.matrix.cols == source.width)
    w.matrix.elements.withUnsafeBufferPointer { a in
      source.elements.withUnsafeBufferPointer { x in
        elements.withUnsafeMutableBufferPointer { y in
          Kernels.matrixVectors(
            w.packed, a.baseAddress!, x.baseAddress! + rows * source.width, count, y.baseAddress! + at * width)
        }
      }
    }
  }

  /// Row i becomes a + b + c for row `aRow` of a, row `bRow` of b and the vector c,
  /// added in that order.
  mutating func setSum(_ i: Int, _ a: Matrix, row aRow: Int, _ b: Rows, row bRow: Int, _ c: Matrix) {
    let w = width
    precondition(a.cols == w && b.width == w && c.count == w)
    precondition((0..<a.rows).contains(aRow) && (0..<(b.elements.count / w)).contains(bRow))
    elements.withUnsafeMutableBufferPointer { y in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          c.elements.withUnsafeBufferPointer { c in
            let (z, a, b, c) = (
              y.baseAddress! + i * w, a.baseAddress! + aRow * w, b.baseAddress! + bRow * w, c.baseAddress!
            )
            for r in 0..<w { z[r] = (a[r] + b[r]) + c[r] }
          }
        }
      }
    }
  }

  /// tanh of every entry of rows `rows` ..< `rows` + count, in one pass.
  mutating func applyTanh(rows: Int, count: Int) {
    let w = width
    elements.withUnsafeMutableBufferPointer { y in
      Math.tanh(UnsafeMutableBufferPointer(rebasing: y[(rows * w)..<((rows + count) * w)]))
    }
  }

  /// Row i becomes (1 − h ⊙ h) ⊙ (d + e), tanh's derivative at h times the gradient d + e
  /// reaching it, for row `hRow` of h, `dRow` of d and `eRow` of e.
  mutating func setTanhGradient(
    _ i: Int, _ h: Rows, row hRow: Int, _ d: Rows, row dRow: Int, _ e: Rows, row eRow: Int
  ) {
    let w = width
    precondition(h.width == w && d.width == w && e.width == w)
    precondition(
      (hRow + 1) * w <= h.elements.count && (dRow + 1) * w <= d.elements.count
        && (eRow + 1) * w <= e.elements.count && (i + 1) * w <= elements.count)
    elements.withUnsafeMutableBufferPointer { y in
      h.elements.withUnsafeBufferPointer { h in
        d.elements.withUnsafeBufferPointer { d in
          e.elements.withUnsafeBufferPointer { e in
            let y = y.baseAddress! + i * w
            let (h, d, e) = (h.baseAddress! + hRow * w, d.baseAddress! + dRow * w, e.baseAddress! + eRow * w)
            for r in 0..<w { y[r] = (1 - h[r] * h[r]) * (d[r] + e[r]) }
          }
        }
      }
    }
  }

  /// Each row z for which `mask` is true, plus the vector `bias`, becomes ∂L/∂z of
  /// softmax cross-entropy for its target, and the others become 0; returns the sum of
  /// the rows' losses, in row order. The exponentials of all rows are taken in one pass.
  mutating func softmaxCrossEntropy(bias: Matrix, targets: [Int], mask: [Bool]) -> Double {
    let (w, count) = (width, elements.count / width)
    precondition(bias.count == w && targets.count == count && mask.count == count)
    var shifts = [(largest: Double, targetScore: Double)](repeating: (0, 0), count: count)
    return elements.withUnsafeMutableBufferPointer { y in
      func row(_ i: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: y[(i * w)..<((i + 1) * w)])
      }
      for i in 0..<count where mask[i] {
        let z = row(i)
        for r in 0..<w { z[r] += bias.elements[r] }
        shifts[i] = subtractLargest(z, target: targets[i])
      }
      Math.exp(y)
      var loss = 0.0
      for i in 0..<count {
        if mask[i] {
          loss += RNN.softmaxCrossEntropy(exponentials: row(i), target: targets[i], shifts[i])
        } else {
          row(i).update(repeating: 0)
        }
      }
      return loss
    }
  }

  /// Row i becomes 0.
  mutating func setZero(_ i: Int) {
    for r in (i * width)..<((i + 1) * width) { elements[r] = 0 }
  }

  /// Row `to` gains row `row` of `source`.
  mutating func add(_ source: Rows, row: Int, to i: Int) {
    let w = width
    precondition(source.width == w && (row + 1) * w <= source.elements.count && (i + 1) * w <= elements.count)
    elements.withUnsafeMutableBufferPointer { y in
      source.elements.withUnsafeBufferPointer { x in
        let (y, x) = (y.baseAddress! + i * w, x.baseAddress! + row * w)
        for r in 0..<w { y[r] += x[r] }
      }
    }
  }

  /// The rows as a matrix.
  var matrix: Matrix { Matrix(rows: elements.count / width, cols: width, elements: elements) }

  /// Rows `at`..< `at` + count become Wᵀ·x for the rows x of `source` from `rows` on.
  mutating func setTransposedProducts(_ w: Matrix, of source: Rows, rows: Int, count: Int, at: Int) {
    precondition(w.cols == width && w.rows == source.width)
    w.elements.withUnsafeBufferPointer { a in
      source.elements.withUnsafeBufferPointer { x in
        elements.withUnsafeMutableBufferPointer { y in
          Kernels.setTransposedMatrixVectors(
            a.baseAddress!, w.rows, w.cols, x.baseAddress! + rows * source.width, count, y.baseAddress! + at * width)
        }
      }
    }
  }
}

extension Matrix {
  /// Adds row `row` of `source`, a vector of this matrix's length.
  mutating func add(_ source: Rows, row: Int) {
    let w = count
    precondition(source.width == w && (row + 1) * w <= source.elements.count)
    elements.withUnsafeMutableBufferPointer { y in
      source.elements.withUnsafeBufferPointer { x in
        let (y, x) = (y.baseAddress!, x.baseAddress! + row * w)
        for r in 0..<w { y[r] += x[r] }
      }
    }
  }

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
