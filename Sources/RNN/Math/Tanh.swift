extension Math {
  /// tanh x, within 1 ulp, for every x (odd; ±1 beyond ±19.1; NaN for NaN).
  ///
  /// tanh|x| = u / (u + 2) with u = e^{2|x|} − 1. u is formed as a double-double from
  /// the reduced exponential, so it keeps its relative accuracy for small |x| where
  /// e^{2|x|} − 1 cancels, and the quotient is taken with one correction step.
  @inline(__always)
  static func tanh(_ x: Double) -> Double {
    let signBit: UInt64 = 1 << 63
    let magnitude = Double(bitPattern: x.bitPattern & ~signBit)
    // Beyond 20, tanh rounds to 1; the cap keeps 2ᵏ and u finite.
    let (k, hi, lo) = expReduced(clamp(2 * magnitude, 0, 40))
    let p = powerOfTwo(k)
    let (uHi, e1) = twoSum(p - 1, p * hi)  // 2ᵏ − 1 and 2ᵏ·hi are exact
    let uLo = e1.addingProduct(p, lo)
    let (dHi, e2) = twoSum(uHi, 2)
    let t = divide(uHi, uLo, by: dHi, e2 + uLo)
    return Double(bitPattern: t.bitPattern | (x.bitPattern & signBit))
  }
}
