/// The exponential and the functions built on it (tanh, σ, log), written out in Swift so
/// that every machine computes the same bits.
///
/// Only additions, multiplications, divisions and explicit fused multiply-adds are
/// used: each is correctly rounded by IEEE 754 (a fused multiply-add is computed in
/// software where the hardware has none), and Swift neither fuses nor reorders them, so
/// the results depend neither on the platform's math library nor on FMA, AVX2 or
/// AVX-512 hardware. The functions have no branches, so the compiler turns the loops in
/// `ElementWiseKernels.swift` into vector code. `MathTests` measures their accuracy
/// against 64-bit-mantissa references over the whole range.
enum Math {
  /// 1/ln 2.
  static let log2e = 1.4426950408889634
  /// ln 2 split in two: `ln2Hi` has 32 significant bits, so k·ln2Hi is exact for every
  /// k an exponential needs, and ln2Hi + ln2Lo is ln 2 to about 2⁻⁸⁵.
  static let ln2Hi = 6.93147180369123816490e-01
  /// The rest of ln 2.
  static let ln2Lo = 1.90821492927058770002e-10
  /// 1.5·2⁵²: adding it rounds a number below 2⁵¹ to an integer, which then sits in the
  /// low bits of the sum's bit pattern.
  static let roundingShift = 6_755_399_441_055_744.0

  /// eᶻ = 2ᵏ·(1 + hi + lo), for |z| ≤ 746: 1 + hi + lo is eʳ for r = z − k·ln 2,
  /// |r| ≤ ln 2 / 2, to about 2⁻⁶⁰, as a double-double, so that tanh and σ can cancel
  /// terms without losing bits.
  @inline(__always)
  static func expReduced(_ z: Double) -> (k: Int64, hi: Double, lo: Double) {
    let shifted = z * log2e + roundingShift
    let kd = shifted - roundingShift
    let k = Int64(bitPattern: shifted.bitPattern &- roundingShift.bitPattern)
    let rHi = z - kd * ln2Hi  // exact
    let rLo = kd * ln2Lo
    let r = rHi - rLo
    // eʳ − 1 − r = r²·(1/2! + r/3! + … + r¹²/14!); the next term is below 2⁻⁶³.
    var q = 1.0 / 87_178_291_200
    q = (1.0 / 6_227_020_800).addingProduct(q, r)
    q = (1.0 / 479_001_600).addingProduct(q, r)
    q = (1.0 / 39_916_800).addingProduct(q, r)
    q = (1.0 / 3_628_800).addingProduct(q, r)
    q = (1.0 / 362_880).addingProduct(q, r)
    q = (1.0 / 40_320).addingProduct(q, r)
    q = (1.0 / 5_040).addingProduct(q, r)
    q = (1.0 / 720).addingProduct(q, r)
    q = (1.0 / 120).addingProduct(q, r)
    q = (1.0 / 24).addingProduct(q, r)
    q = (1.0 / 6).addingProduct(q, r)
    q = 0.5.addingProduct(q, r)
    let (hi, lo) = twoSum(rHi, (r * r) * q - rLo)
    return (k, hi, lo)
  }

  /// eˣ, within 1 ulp (0 below −745.14, ∞ above 709.78, NaN for NaN).
  @inline(__always)
  static func exp(_ x: Double) -> Double {
    let (k, hi, lo) = expReduced(clamp(x, -746, 710))
    let (s, e) = fastTwoSum(1, hi)
    return scale(s + (e + lo), k)
  }

  /// x·2ᵏ for −1076 ≤ k ≤ 1025, in two steps so that neither power of two leaves the
  /// normal range; exact unless the result is subnormal, where it is rounded once.
  @inline(__always)
  static func scale(_ x: Double, _ k: Int64) -> Double {
    let k1 = k &>> 1
    return x * powerOfTwo(k1) * powerOfTwo(k &- k1)
  }

  /// 2ᵏ for a normal exponent, −1022 ≤ k ≤ 1023, built from its bit pattern.
  @inline(__always)
  static func powerOfTwo(_ k: Int64) -> Double {
    Double(bitPattern: UInt64(bitPattern: (k &+ 1023) &<< 52))
  }

  /// x limited to [low, high]; NaN stays NaN.
  @inline(__always)
  static func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double {
    let atLeastLow = x < low ? low : x
    return atLeastLow > high ? high : atLeastLow
  }
}
