extension Kernels {
  /// One Adagrad step over `count` weights, four at a time:
  /// m ← m + g², w ← w + (−η·g) / √(m + ε). Square roots and divisions are correctly
  /// rounded in vector registers as in scalar ones, so the bits are those of the plain
  /// loop.
  static func adagrad(
    _ w: UnsafeMutablePointer<Double>, _ m: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>,
    _ count: Int, rate: Double, epsilon: Double
  ) {
    let (rw, rm, rg) = (UnsafeMutableRawPointer(w), UnsafeMutableRawPointer(m), UnsafeRawPointer(g))
    let (negativeRate, eps) = (Vec(repeating: -rate), Vec(repeating: epsilon))
    var i = 0
    while i + 4 <= count {
      let offset = i &* 8
      let gv = rg.loadUnaligned(fromByteOffset: offset, as: Vec.self)
      let mv = rm.loadUnaligned(fromByteOffset: offset, as: Vec.self) + gv * gv
      rm.storeBytes(of: mv, toByteOffset: offset, as: Vec.self)
      let step = negativeRate * gv / (mv + eps).squareRoot()
      rw.storeBytes(
        of: rw.loadUnaligned(fromByteOffset: offset, as: Vec.self) + step, toByteOffset: offset, as: Vec.self)
      i &+= 4
    }
    while i < count {
      m[i] += g[i] * g[i]
      w[i] += -rate * g[i] / (m[i] + epsilon).squareRoot()
      i &+= 1
    }
  }

  /// One Adam step over `count` weights, four at a time:
  /// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², w ← w − η·(m/c₁) / (√(v/c₂) + ε), with
  /// c₁ and c₂ the bias corrections. Every lane does the plain loop's operations in its
  /// order, and vector divisions and square roots round as scalar ones, so the bits are
  /// the plain loop's.
  static func adam(
    _ w: UnsafeMutablePointer<Double>, _ m: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>,
    _ g: UnsafePointer<Double>, _ count: Int,
    rate: Double, beta1: Double, beta2: Double, epsilon: Double, correction1: Double, correction2: Double
  ) {
    let (rw, rm, rv, rg) = (
      UnsafeMutableRawPointer(w), UnsafeMutableRawPointer(m), UnsafeMutableRawPointer(v), UnsafeRawPointer(g)
    )
    let (b1, b2, oneMinusB1, oneMinusB2) = (
      Vec(repeating: beta1), Vec(repeating: beta2), Vec(repeating: 1 - beta1), Vec(repeating: 1 - beta2)
    )
    let (c1, c2, eps, eta) = (
      Vec(repeating: correction1), Vec(repeating: correction2), Vec(repeating: epsilon), Vec(repeating: rate)
    )
    var i = 0
    while i + 4 <= count {
      let offset = i &* 8
      let gv = rg.loadUnaligned(fromByteOffset: offset, as: Vec.self)
      let mv = b1 * rm.loadUnaligned(fromByteOffset: offset, as: Vec.self) + oneMinusB1 * gv
      let vv = b2 * rv.loadUnaligned(fromByteOffset: offset, as: Vec.self) + oneMinusB2 * gv * gv
      rm.storeBytes(of: mv, toByteOffset: offset, as: Vec.self)
      rv.storeBytes(of: vv, toByteOffset: offset, as: Vec.self)
      let step = eta * (mv / c1) / ((vv / c2).squareRoot() + eps)
      rw.storeBytes(
        of: rw.loadUnaligned(fromByteOffset: offset, as: Vec.self) - step, toByteOffset: offset, as: Vec.self)
      i &+= 4
    }
    while i < count {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
      w[i] -= rate * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
      i &+= 1
    }
  }

  /// Every entry clamped to [−limit, limit], four at a time.
  static func clamp(_ x: UnsafeMutablePointer<Double>, _ count: Int, to limit: Double) {
    let raw = UnsafeMutableRawPointer(x)
    let (low, high) = (Vec(repeating: -limit), Vec(repeating: limit))
    var i = 0
    while i + 4 <= count {
      var v = raw.loadUnaligned(fromByteOffset: i &* 8, as: Vec.self)
      v = v.replacing(with: low, where: v .< low).replacing(with: high, where: v .> high)
      raw.storeBytes(of: v, toByteOffset: i &* 8, as: Vec.self)
      i &+= 4
    }
    while i < count {
      x[i] = min(max(x[i], -limit), limit)
      i &+= 1
    }
  }
}
