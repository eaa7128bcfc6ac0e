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
