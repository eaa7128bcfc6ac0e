/// The GRU over a minibatch: B sequences step by step together, the rows of each
/// matrix being the sequences.
///
///     Zₜ = σ(Xₜ·W_zᵀ + Hₜ₋₁·U_zᵀ + b_z)      Rₜ = σ(Xₜ·W_rᵀ + Hₜ₋₁·U_rᵀ + b_r)
///     Ĥₜ = tanh(Xₜ·W_hᵀ + (Rₜ ⊙ Hₜ₋₁)·U_hᵀ + b_h)
///     Hₜ = Zₜ ⊙ Hₜ₋₁ + (1 − Zₜ) ⊙ Ĥₜ,          Yₜ = Hₜ·W_hyᵀ + b_y
///
/// The products run for the whole batch at once, in register tiles; the result is the
/// sum of the sequences read one by one, bit for bit: each sequence's losses are summed
/// over its steps and its gradients over its steps from the last, as
/// ``GRU/backwardWithInitialState(_:outputGradients:carryFromFuture:)`` does, and these
/// per-sequence sums are then added in the order of the sequences.
extension GRU {
  /// The summed softmax cross-entropy of the batch, its gradients and the final states.
  public func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], from states: [Matrix]) -> (
    loss: Double, gradients: Parameters, finalStates: [Matrix]
  ) {
    precondition(
      tokens.count == targets.count && tokens.count == states.count, "one target list and state per sequence")
    let steps = tokens.first?.count ?? 0
    guard steps > 0, tokens.allSatisfy({ $0.count == steps }), targets.allSatisfy({ $0.count == steps }) else {
      return sequencesOneByOne(tokens: tokens, targets: targets, from: states)
    }
    return GRUBatch(self, tokens: tokens, targets: targets, states: states).run()
  }
}

/// The buffers and loops of ``GRU/batchLossAndGradients(tokens:targets:from:)``. Row
/// t·B + b of a block is sequence b at step t (of H: Hₜ, H₀ being the states).
private struct GRUBatch {
  let p: GRU.Parameters
  let tokens: [[Int]], targets: [[Int]]
  let (B, T, n, v, o): (Int, Int, Int, Int, Int)
  let states: [Matrix]

  init(_ model: GRU, tokens: [[Int]], targets: [[Int]], states: [Matrix]) {
    p = model.parameters
    (self.tokens, self.targets, self.states) = (tokens, targets, states)
    (B, T, n, v, o) = (tokens.count, tokens[0].count, model.hiddenSize, p.Wz.cols, p.Why.rows)
  }

  func run() -> (loss: Double, gradients: GRU.Parameters, finalStates: [Matrix]) {
    let (B, T, n, v, o) = (self.B, self.T, self.n, self.v, self.o)
    let rows = T * B
    let (Uz, Ur, Uh, Why) = (PackedWeights(p.Uz), PackedWeights(p.Ur), PackedWeights(p.Uh), PackedWeights(p.Why))
    let (WzT, WrT, WhT) = (p.Wz.T.matrix, p.Wr.T.matrix, p.Wh.T.matrix)  // row k: what token k adds
    // Blocks: H ((T + 1)·B rows), Z, R, RH = R ⊙ Hₜ₋₁ and Ĥ (C), then their gradients.
    var H = Rows(uninitializedCount: rows + B, width: n)
    for b in 0..<B { H.set(b, states[b]) }
    var Z = Rows(uninitializedCount: rows, width: n)
    var R = Rows(uninitializedCount: rows, width: n)
    var RH = Rows(uninitializedCount: rows, width: n)
    var C = Rows(uninitializedCount: rows, width: n)
    var product = Rows(uninitializedCount: B, width: n)
    for t in 0..<T {
      let (at, from) = (t * B, t * B)  // rows of step t in Z, R, C; Hₜ₋₁ is H's block t
      product.setProducts(Uz, of: H, rows: from, count: B, at: 0)
      for b in 0..<B { Z.setSum(at + b, WzT, row: tokens[b][t], product, row: b, p.bz) }
      product.setProducts(Ur, of: H, rows: from, count: B, at: 0)
      for b in 0..<B { R.setSum(at + b, WrT, row: tokens[b][t], product, row: b, p.br) }
      Z.applySigmoid(rows: at, count: B)
      R.applySigmoid(rows: at, count: B)
      RH.setProduct(rows: at, count: B, R, H, hRows: from)  // rₜ ⊙ hₜ₋₁
      product.setProducts(Uh, of: RH, rows: at, count: B, at: 0)
      for b in 0..<B { C.setSum(at + b, WhT, row: tokens[b][t], product, row: b, p.bh) }
      C.applyTanh(rows: at, count: B)
      H.setGRUState(rows: at + B, count: B, Z, C, zRows: at, previous: from)  // hₜ = zₜ ⊙ hₜ₋₁ + (1 − zₜ) ⊙ ĥₜ
    }
    // Yₜ = Hₜ·W_hyᵀ + b_y for every step at once; dY becomes ∂L/∂Yₜ, and each row's loss.
    var dY = Rows(uninitializedCount: rows, width: o)
    dY.setProducts(Why, of: H, rows: B, count: rows, at: 0)
    let rowLosses = dY.softmaxCrossEntropyRows(bias: p.by, targets: (0..<rows).map { targets[$0 % B][$0 / B] })
    var loss = 0.0
    for b in 0..<B {
      var sequenceLoss = 0.0  // Σₜ in order, as one sequence's loss
      for t in 0..<T { sequenceLoss += rowLosses[t * B + b] }
      loss += sequenceLoss
    }
    // Backward, step by step from the last: ∂L/∂hₜ through yₜ, then through hₜ₊₁.
    var dHy = Rows(uninitializedCount: rows, width: n)
    dHy.setTransposedProducts(p.Why, of: dY, rows: 0, count: rows, at: 0)  // W_hyᵀ·dyₜ
    var dZz = Rows(uninitializedCount: rows, width: n)
    var dZr = Rows(uninitializedCount: rows, width: n)
    var dZh = Rows(uninitializedCount: rows, width: n)
    var dH = Rows(uninitializedCount: B, width: n)
    var dHNext = Rows(count: B, width: n)
    var dRH = Rows(uninitializedCount: B, width: n)
    var viaR = Rows(uninitializedCount: B, width: n)
    var viaZ = Rows(uninitializedCount: B, width: n)
    for t in stride(from: T - 1, through: 0, by: -1) {
      let at = t * B
      for b in 0..<B {
        dH.setSum(b, dHy, row: at + b, dHNext, row: b)
        dZz.setUpdateGateGradient(at + b, dH, row: b, H, row: at + b, C, Z)
        dZh.setCandidateGradient(at + b, dH, row: b, Z, C)
      }
      dRH.setTransposedProducts(p.Uh, of: dZh, rows: at, count: B, at: 0)  // ∂L/∂(rₜ ⊙ hₜ₋₁)
      for b in 0..<B { dZr.setResetGateGradient(at + b, dRH, row: b, H, row: at + b, R) }
      viaR.setTransposedProducts(p.Ur, of: dZr, rows: at, count: B, at: 0)
      viaZ.setTransposedProducts(p.Uz, of: dZz, rows: at, count: B, at: 0)
      if t > 0 {
        for b in 0..<B {
          dHNext.setStateGradient(b, dH, Z, row: at + b, dRH, R, viaR, viaZ)
        }
      }
    }
    // Each sequence's sums over its steps, last step first, added in sequence order.
    var g = p.zeros()
    var gT = (z: Rows(count: v, width: n), r: Rows(count: v, width: n), h: Rows(count: v, width: n))
    for b in 0..<B {
      let last = (T - 1) * B + b
      g.Uz.addStridedTransposedProduct(dZz, H, lastRows: (last, last), stride: B, count: T)  // Σₜ dzₜ·hₜ₋₁ᵀ
      g.Ur.addStridedTransposedProduct(dZr, H, lastRows: (last, last), stride: B, count: T)
      g.Uh.addStridedTransposedProduct(dZh, RH, lastRows: (last, last), stride: B, count: T)
      g.Why.addStridedTransposedProduct(dY, H, lastRows: (last, last + B), stride: B, count: T)  // Σₜ dyₜ·hₜᵀ
      g.bz.addSequenceSum(dZz, last: last, stride: B, count: T)
      g.br.addSequenceSum(dZr, last: last, stride: B, count: T)
      g.bh.addSequenceSum(dZh, last: last, stride: B, count: T)
      g.by.addSequenceSum(dY, last: last, stride: B, count: T)
      let seen = Set(tokens[b])
      for t in stride(from: T - 1, through: 0, by: -1) {
        gT.z.add(dZz, row: t * B + b, to: tokens[b][t])
        gT.r.add(dZr, row: t * B + b, to: tokens[b][t])
        gT.h.add(dZh, row: t * B + b, to: tokens[b][t])
      }
      for k in seen.sorted() {
        g.Wz.addColumn(k, from: &gT.z)
        g.Wr.addColumn(k, from: &gT.r)
        g.Wh.addColumn(k, from: &gT.h)
      }
    }
    return (loss, g, (0..<B).map { H.vector(T * B + $0) })
  }
}

extension Rows {
  /// Rows `rows` ..< `rows` + count become r ⊙ h, for the same rows of r and the rows of h
  /// from `hRows` on.
  fileprivate mutating func setProduct(rows: Int, count: Int, _ r: Rows, _ h: Rows, hRows: Int) {
    for k in 0..<count { map(rows + k, r, rows + k, h, hRows + k, r, 0, r, 0) { r, h, _, _ in r * h } }
  }

  /// Rows `rows` ..< `rows` + count become z ⊙ hₜ₋₁ + (1 − z) ⊙ ĥ, for the rows of z and
  /// ĥ from `zRows` on and the rows of this matrix from `previous` on.
  fileprivate mutating func setGRUState(rows: Int, count: Int, _ z: Rows, _ c: Rows, zRows: Int, previous: Int) {
    for k in 0..<count {
      let previousRow = Rows.copy(of: self, row: previous + k)
      map(rows + k, z, zRows + k, previousRow, 0, c, zRows + k, z, 0) { z, h, c, _ in z * h + (1 - z) * c }
    }
  }

  /// Row i becomes dh ⊙ (hₜ₋₁ − ĥ) ⊙ z ⊙ (1 − z), the update gate's gradient, with z and
  /// ĥ from row i of their blocks.
  fileprivate mutating func setUpdateGateGradient(
    _ i: Int, _ dh: Rows, row dhRow: Int, _ h: Rows, row hRow: Int, _ c: Rows, _ z: Rows
  ) {
    map(i, dh, dhRow, h, hRow, c, i, z, i) { dh, h, c, z in dh * (h - c) * z * (1 - z) }
  }

  /// Row i becomes dh ⊙ (1 − z) ⊙ (1 − ĥ ⊙ ĥ), the candidate's gradient.
  fileprivate mutating func setCandidateGradient(_ i: Int, _ dh: Rows, row dhRow: Int, _ z: Rows, _ c: Rows) {
    map(i, dh, dhRow, z, i, c, i, c, i) { dh, z, c, _ in dh * (1 - z) * (1 - c * c) }
  }

  /// Row i becomes d ⊙ hₜ₋₁ ⊙ r ⊙ (1 − r), the reset gate's gradient, for d = ∂L/∂(r ⊙ hₜ₋₁).
  fileprivate mutating func setResetGateGradient(
    _ i: Int, _ d: Rows, row dRow: Int, _ h: Rows, row hRow: Int, _ r: Rows
  ) {
    map(i, d, dRow, h, hRow, r, i, r, i) { d, h, r, _ in d * h * r * (1 - r) }
  }

  /// Row b becomes dh ⊙ z + d ⊙ r + U_rᵀ·dz_r + U_zᵀ·dz_z, ∂L/∂hₜ₋₁, with z and r from row
  /// i of their blocks and the rest from row b.
  fileprivate mutating func setStateGradient(
    _ b: Int, _ dh: Rows, _ z: Rows, row i: Int, _ d: Rows, _ r: Rows, _ viaR: Rows, _ viaZ: Rows
  ) {
    let w = width
    let (zi, ri, di) = (i * w, i * w, b * w)
    for k in 0..<w {
      elements[di + k] =
        dh.elements[di + k] * z.elements[zi + k] + d.elements[di + k] * r.elements[ri + k] + viaR.elements[di + k]
        + viaZ.elements[di + k]
    }
  }

}
