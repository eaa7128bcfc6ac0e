extension Math {
  /// The natural logarithm, to within 1 ulp (−∞ at 0, NaN below 0 and for NaN).
  ///
  /// x = 2ᵏ·(1 + f) with √½ ≤ 1 + f < √2, and ln(1 + f) = 2·atanh(s) for s = f / (2 + f),
  /// |s| ≤ 0.172, summed as f − (f²/2 − s·(f²/2 + R)) with R = Σₙ 2s²ⁿ/(2n + 1), so the
  /// large terms are exact and only small ones carry rounding.
  static func log(_ x: Double) -> Double {
    guard x > 0, x.isFinite else {
      if x == 0 { return -.infinity }
      return x == .infinity ? x : .nan
    }
    var k = 0
    var m = x
    if m < Double.leastNormalMagnitude {
      m *= 0x1p54
      k = -54
    }
    let exponentBits = Int((m.bitPattern >> 52) & 0x7ff)
    k += exponentBits - 1023
    m = Double(bitPattern: (m.bitPattern & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)  // in [1, 2)
    if m > 1.4142135623730951 {
      m *= 0.5
      k += 1
    }
    let f = m - 1  // exact
    let s = f / (2 + f)
    let z = s * s
    // R/z = 2/3 + 2z/5 + … + 2z¹¹/25; the next term is below 2⁻⁶⁰·R.
    var r = 2.0 / 25
    r = (2.0 / 23).addingProduct(r, z)
    r = (2.0 / 21).addingProduct(r, z)
    r = (2.0 / 19).addingProduct(r, z)
    r = (2.0 / 17).addingProduct(r, z)
    r = (2.0 / 15).addingProduct(r, z)
    r = (2.0 / 13).addingProduct(r, z)
    r = (2.0 / 11).addingProduct(r, z)
    r = (2.0 / 9).addingProduct(r, z)
    r = (2.0 / 7).addingProduct(r, z)
    r = (2.0 / 5).addingProduct(r, z)
    r = (2.0 / 3).addingProduct(r, z)
    r *= z
    let halfSquare = 0.5 * f * f
    let kd = Double(k)
    return kd * ln2Hi - ((halfSquare - (s * (halfSquare + r) + kd * ln2Lo)) - f)
  }
}
