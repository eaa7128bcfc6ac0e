/// The LSTM over a minibatch: B sequences step by step together, the rows of each
/// matrix being the sequences.
///
///     Fₜ = σ(Xₜ·W_fᵀ + Hₜ₋₁·U_fᵀ + b_f), and Iₜ, Oₜ the same; Gₜ = tanh(Xₜ·W_cᵀ + Hₜ₋₁·U_cᵀ + b_c)
///     Cₜ = Fₜ ⊙ Cₜ₋₁ + Iₜ ⊙ Gₜ,   Hₜ = Oₜ ⊙ tanh(Cₜ),   Yₜ = Hₜ·W_hyᵀ + b_y
///
/// The products run for the whole batch at once, in register tiles; the result is the
/// sum of the sequences read one by one, bit for bit: each sequence's losses are summed
/// over its steps and its gradients over its steps from the last, as
/// ``LSTM/backwardWithInitialState(_:outputGradients:carryFromFuture:)`` does, and
/// these per-sequence sums are then added in the order of the sequences.
extension LSTM {
  /// The summed softmax cross-entropy of the batch, its gradients and the final states.
  public func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], from states: [State]) -> (
    loss: Double, gradients: Parameters, finalStates: [State]
  ) {
    precondition(
      tokens.count == targets.count && tokens.count == states.count, "one target list and state per sequence")
    let steps = tokens.first?.count ?? 0
    guard steps > 0, tokens.allSatisfy({ $0.count == steps }), targets.allSatisfy({ $0.count == steps }) else {
      return sequencesOneByOne(tokens: tokens, targets: targets, from: states)
    }
    return LSTMBatch(self, tokens: tokens, targets: targets, states: states).run()
  }
}

/// The buffers and loops of ``LSTM/batchLossAndGradients(tokens:targets:from:)``. Row
/// t·B + b of a block is sequence b at step t (of H and C: Hₜ and Cₜ, H₀ and C₀ being the
/// states).
private struct LSTMBatch {
  let p: LSTM.Parameters
  let tokens: [[Int]], targets: [[Int]]
  let (B, T, n, v, o): (Int, Int, Int, Int, Int)
  let states: [LSTM.State]

  init(_ model: LSTM, tokens: [[Int]], targets: [[Int]], states: [LSTM.State]) {
    p = model.parameters
    (self.tokens, self.targets, self.states) = (tokens, targets, states)
    (B, T, n, v, o) = (tokens.count, tokens[0].count, model.hiddenSize, p.Wf.cols, p.Why.rows)
  }

  func run() -> (loss: Double, gradients: LSTM.Parameters, finalStates: [LSTM.State]) {
    let (B, T, n, v, o) = (self.B, self.T, self.n, self.v, self.o)
    let rows = T * B
    let (Uf, Ui, Uo, Uc) = (PackedWeights(p.Uf), PackedWeights(p.Ui), PackedWeights(p.Uo), PackedWeights(p.Uc))
    let Why = PackedWeights(p.Why)
    let (WfT, WiT, WoT, WcT) = (p.Wf.T.matrix, p.Wi.T.matrix, p.Wo.T.matrix, p.Wc.T.matrix)  // row k: token k
    // Blocks: H and C ((T + 1)·B rows), the gates F, I, O, the candidate G and tanh(C).
    var H = Rows(uninitializedCount: rows + B, width: n)
    var C = Rows(uninitializedCount: rows + B, width: n)
    for b in 0..<B {
      H.set(b, states[b].h)
      C.set(b, states[b].c)
    }
    var F = Rows(uninitializedCount: rows, width: n)
    var I = Rows(uninitializedCount: rows, width: n)
    var O = Rows(uninitializedCount: rows, width: n)
    var G = Rows(uninitializedCount: rows, width: n)
    var tanhC = Rows(uninitializedCount: rows, width: n)
    var product = Rows(uninitializedCount: B, width: n)
    for t in 0..<T {
      let at = t * B  // rows of step t in the gates; Hₜ₋₁ and Cₜ₋₁ are block t of H and C
      for (gate, U, WT, bias) in [(0, Uf, WfT, p.bf), (1, Ui, WiT, p.bi), (2, Uo, WoT, p.bo), (3, Uc, WcT, p.bc)] {
        product.setProducts(U, of: H, rows: at, count: B, at: 0)  // Uₓ·hₜ₋₁
        for b in 0..<B {
          switch gate {
          case 0: F.setSum(at + b, WT, row: tokens[b][t], product, row: b, bias)
          case 1: I.setSum(at + b, WT, row: tokens[b][t], product, row: b, bias)
          case 2: O.setSum(at + b, WT, row: tokens[b][t], product, row: b, bias)
          default: G.setSum(at + b, WT, row: tokens[b][t], product, row: b, bias)
          }
        }
      }
      F.applySigmoid(rows: at, count: B)
      I.applySigmoid(rows: at, count: B)
      O.applySigmoid(rows: at, count: B)
      G.applyTanh(rows: at, count: B)
      for b in 0..<B {
        let previous = Rows.copy(of: C, row: at + b)
        C.map(at + B + b, F, at + b, previous, 0, I, at + b, G, at + b) { f, c, i, g in f * c + i * g }  // cₜ
        tanhC.add(C, row: at + B + b, to: at + b, replacing: true)
      }
      tanhC.applyTanh(rows: at, count: B)
      for b in 0..<B { H.map(at + B + b, O, at + b, tanhC, at + b, O, 0, O, 0) { o, tc, _, _ in o * tc } }
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
    // Backward, step by step from the last: ∂L/∂hₜ and ∂L/∂cₜ from yₜ and from step t + 1.
    var dHy = Rows(uninitializedCount: rows, width: n)
    dHy.setTransposedProducts(p.Why, of: dY, rows: 0, count: rows, at: 0)  // W_hyᵀ·dyₜ
    var dZ = (
      f: Rows(uninitializedCount: rows, width: n), i: Rows(uninitializedCount: rows, width: n),
      o: Rows(uninitializedCount: rows, width: n), c: Rows(uninitializedCount: rows, width: n)
    )
    var dH = Rows(uninitializedCount: B, width: n)
    var dC = Rows(uninitializedCount: B, width: n)
    var dHNext = Rows(count: B, width: n)
    var dCNext = Rows(count: B, width: n)
    var via = (
      f: Rows(uninitializedCount: B, width: n), i: Rows(uninitializedCount: B, width: n),
      o: Rows(uninitializedCount: B, width: n), c: Rows(uninitializedCount: B, width: n)
    )
    for t in stride(from: T - 1, through: 0, by: -1) {
      let at = t * B
      for b in 0..<B {
        let r = at + b
        dH.setSum(b, dHy, row: r, dHNext, row: b)
        // dc = dh ⊙ oₜ ⊙ (1 − tanh²cₜ) + ∂L/∂cₜ through cₜ₊₁
        dC.map(b, dH, b, O, r, tanhC, r, dCNext, b) { dh, o, tc, next in dh * o * (1 - tc * tc) + next }
        dZ.f.map(r, dC, b, C, r, F, r, F, r) { dc, c, f, _ in dc * c * f * (1 - f) }  // C's block t is cₜ₋₁
        dZ.i.map(r, dC, b, G, r, I, r, I, r) { dc, g, i, _ in dc * g * i * (1 - i) }
        dZ.o.map(r, dH, b, tanhC, r, O, r, O, r) { dh, tc, o, _ in dh * tc * o * (1 - o) }
        dZ.c.map(r, dC, b, I, r, G, r, G, r) { dc, i, g, _ in dc * i * (1 - g * g) }
      }
      guard t > 0 else { break }
      via.f.setTransposedProducts(p.Uf, of: dZ.f, rows: at, count: B, at: 0)
      via.i.setTransposedProducts(p.Ui, of: dZ.i, rows: at, count: B, at: 0)
      via.o.setTransposedProducts(p.Uo, of: dZ.o, rows: at, count: B, at: 0)
      via.c.setTransposedProducts(p.Uc, of: dZ.c, rows: at, count: B, at: 0)
      for b in 0..<B {
        // ∂L/∂hₜ₋₁ = U_fᵀ·dz_f + U_iᵀ·dz_i + U_oᵀ·dz_o + U_cᵀ·dz_c, ∂L/∂cₜ₋₁ = dc ⊙ fₜ
        dHNext.map(b, via.f, b, via.i, b, via.o, b, via.c, b) { f, i, o, c in f + i + o + c }
        dCNext.map(b, dC, b, F, at + b, F, 0, F, 0) { dc, f, _, _ in dc * f }
      }
    }
    // Each sequence's sums over its steps, last step first, added in sequence order.
    var g = p.zeros()
    var gT = (
      f: Rows(count: v, width: n), i: Rows(count: v, width: n), o: Rows(count: v, width: n),
      c: Rows(count: v, width: n)
    )
    for b in 0..<B {
      let last = (T - 1) * B + b
      g.Uf.addStridedTransposedProduct(dZ.f, H, lastRows: (last, last), stride: B, count: T)  // Σₜ dzₜ·hₜ₋₁ᵀ
      g.Ui.addStridedTransposedProduct(dZ.i, H, lastRows: (last, last), stride: B, count: T)
      g.Uo.addStridedTransposedProduct(dZ.o, H, lastRows: (last, last), stride: B, count: T)
      g.Uc.addStridedTransposedProduct(dZ.c, H, lastRows: (last, last), stride: B, count: T)
      g.Why.addStridedTransposedProduct(dY, H, lastRows: (last, last + B), stride: B, count: T)  // Σₜ dyₜ·hₜᵀ
      g.bf.addSequenceSum(dZ.f, last: last, stride: B, count: T)
      g.bi.addSequenceSum(dZ.i, last: last, stride: B, count: T)
      g.bo.addSequenceSum(dZ.o, last: last, stride: B, count: T)
      g.bc.addSequenceSum(dZ.c, last: last, stride: B, count: T)
      g.by.addSequenceSum(dY, last: last, stride: B, count: T)
      for t in stride(from: T - 1, through: 0, by: -1) {
        gT.f.add(dZ.f, row: t * B + b, to: tokens[b][t])
        gT.i.add(dZ.i, row: t * B + b, to: tokens[b][t])
        gT.o.add(dZ.o, row: t * B + b, to: tokens[b][t])
        gT.c.add(dZ.c, row: t * B + b, to: tokens[b][t])
      }
      for k in Set(tokens[b]).sorted() {
        g.Wf.addColumn(k, from: &gT.f)
        g.Wi.addColumn(k, from: &gT.i)
        g.Wo.addColumn(k, from: &gT.o)
        g.Wc.addColumn(k, from: &gT.c)
      }
    }
    let finalStates = (0..<B).map { LSTM.State(h: H.vector(T * B + $0), c: C.vector(T * B + $0)) }
    return (loss, g, finalStates)
  }
}
