extension Math {
  /// σ(x) = 1 / (1 + e⁻ˣ), within 1 ulp, for every x (1 beyond 36.8, 0 below −745.2,
  /// NaN for NaN).
  ///
  /// With e = e^{−|x|} ≤ 1: σ(x) = 1 / (1 + e) for x ≥ 0 and e / (1 + e) for x < 0, so
  /// nothing overflows and the small values for negative x keep their relative accuracy.
  @inline(__always)
  static func sigmoid(_ x: Double) -> Double {
    let negative = x < 0
    let (k, hi, lo) = expReduced(clamp(negative ? x : -x, -746, 0))
    let (s, e1) = fastTwoSum(1, hi)
    let (eHi, eLo) = (scale(s, k), scale(e1 + lo, k))
    let (dHi, e2) = fastTwoSum(1, eHi)
    return divide(negative ? eHi : 1, negative ? eLo : 0, by: dHi, e2 + eLo)
  }
}
