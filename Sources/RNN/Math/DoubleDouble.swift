/// Exact sums and a nearly exact quotient: the double-double steps that keep tanh and σ
/// within 1 ulp where their formulas cancel.
extension Math {
  /// The exact sum a + b as a rounded sum and its error (Knuth's TwoSum).
  @inline(__always)
  static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let s = a + b
    let bb = s - a
    return (s, (a - (s - bb)) + (b - bb))
  }

  /// The exact sum a + b for |a| ≥ |b| (Dekker's Fast2Sum).
  @inline(__always)
  static func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let s = a + b
    return (s, b - (s - a))
  }

  /// (nHi + nLo) / (dHi + dLo), off from the correctly rounded quotient by a tiny
  /// fraction of an ulp at most: one division, its exact remainder by a fused
  /// multiply-add, and one correction.
  @inline(__always)
  static func divide(_ nHi: Double, _ nLo: Double, by dHi: Double, _ dLo: Double) -> Double {
    let q = nHi / dHi
    let remainder = nHi.addingProduct(-q, dHi) + (nLo - q * dLo)
    return q + remainder / dHi
  }
}
