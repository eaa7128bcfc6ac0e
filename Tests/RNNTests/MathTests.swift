import Foundation
import Testing

@testable import RNN

/// The library's own exp, tanh, σ and log against references with a 64-bit mantissa
/// (x86's Float80, whose own error is about 2⁻¹¹ of a Double ulp), over their whole
/// range: uniform points across it, uniform points near 0 where the formulas cancel,
/// and magnitudes spread evenly on a log scale down to the subnormals.
///
/// Worst errors measured (about half a million points each): exp 0.73 ulp, tanh 0.77 ulp,
/// σ 0.79 ulp, log 0.81 ulp. The tests print them and assert the documented bound, 1 ulp.
@Suite struct MathTests {
  static let bound = 1.0

  #if arch(x86_64) && !os(Windows)
    /// The error of `actual` in units in the last place of the Double nearest `exact`.
    static func ulps(_ actual: Double, _ exact: Float80) -> Double {
      let nearest = Double(exact)
      if actual.isNaN || exact.isNaN { return actual.isNaN && exact.isNaN ? 0 : .infinity }
      if actual == nearest { return 0 }
      if nearest.isInfinite { return .infinity }
      var ulp = nearest.ulp
      // Below a power of two the spacing is half that above it.
      if nearest.significandBitPattern == 0 && abs(exact) < abs(Float80(nearest)) { ulp /= 2 }
      return Double(abs(Float80(actual) - exact) / Float80(ulp))
    }

    /// Points across [low, high], across [−1, 1], and ±10ᵉ for e evenly spread over
    /// `exponents`, all kept inside [low, high].
    static func points(_ low: Double, _ high: Double, exponents: ClosedRange<Double>, seed: UInt64) -> [Double] {
      var rng = SeededGenerator(seed: seed)
      var xs: [Double] = []
      for _ in 0..<250_000 { xs.append(rng.uniform(low, high)) }
      for _ in 0..<100_000 { xs.append(rng.uniform(max(low, -1), min(high, 1))) }
      for _ in 0..<150_000 {
        let magnitude = Foundation.pow(10, rng.uniform(exponents.lowerBound, exponents.upperBound))
        let x = rng.uniform() < 0.5 ? -magnitude : magnitude
        if x >= low && x <= high { xs.append(x) }
      }
      return xs
    }

    /// The worst error of `f` against `reference` over `xs`, with the point where it
    /// happens.
    static func worst(_ xs: [Double], _ f: ([Double]) -> [Double], _ reference: (Float80) -> Float80) -> (
      ulps: Double, at: Double
    ) {
      let ys = f(xs)
      var result = (ulps: 0.0, at: 0.0)
      for (x, y) in zip(xs, ys) {
        let e = ulps(y, reference(Float80(x)))
        if e > result.ulps { result = (e, x) }
      }
      return result
    }

    static func matrixFunction(_ f: @escaping (Matrix) -> Matrix) -> ([Double]) -> [Double] {
      { f(Matrix(vector: $0)).elements }
    }

    /// Measured worst: 0.73 ulp.
    @Test func expIsWithinOneUlp() {
      let xs = Self.points(-745.1, 709.78, exponents: -300...2.85, seed: 1)
      let w = Self.worst(xs, Self.matrixFunction { exp($0) }) { Foundation.exp($0) }
      print("exp: worst \(w.ulps) ulp at \(w.at)")
      #expect(w.ulps <= Self.bound)
    }

    /// Measured worst: 0.77 ulp.
    @Test func tanhIsWithinOneUlp() {
      let xs = Self.points(-25, 25, exponents: -310...1.4, seed: 2)
      let w = Self.worst(xs, Self.matrixFunction { tanh($0) }) { Foundation.tanh($0) }
      print("tanh: worst \(w.ulps) ulp at \(w.at)")
      #expect(w.ulps <= Self.bound)
    }

    /// Measured worst: 0.79 ulp.
    @Test func sigmoidIsWithinOneUlp() {
      let xs = Self.points(-745, 40, exponents: -310...2.85, seed: 3)
      let w = Self.worst(xs, Self.matrixFunction { sigmoid($0) }) { 1 / (1 + Foundation.exp(-$0)) }
      print("sigmoid: worst \(w.ulps) ulp at \(w.at)")
      #expect(w.ulps <= Self.bound)
    }

    /// Measured worst: 0.81 ulp.
    @Test func logIsWithinOneUlp() {
      var rng = SeededGenerator(seed: 4)
      var xs: [Double] = []
      for _ in 0..<300_000 { xs.append(Foundation.pow(2, rng.uniform(-1074, 1024))) }
      for _ in 0..<200_000 { xs.append(rng.uniform(0.5, 2)) }
      let w = Self.worst(xs, { $0.map(Math.log) }) { Foundation.log($0) }
      print("log: worst \(w.ulps) ulp at \(w.at)")
      #expect(w.ulps <= Self.bound)
    }
  #endif

  @Test func edgesOfTheRange() {
    let v = Matrix(vector: [0, -0.0, .infinity, -.infinity, .nan, 710, -746, 709.7, 1e-320])
    let e = exp(v).elements
    #expect(e[0] == 1 && e[1] == 1 && e[2] == .infinity && e[3] == 0 && e[4].isNaN)
    #expect(e[5] == .infinity && e[6] == 0 && e[7].isFinite && e[8] == 1)
    let t = tanh(v).elements
    #expect(t[0] == 0 && t[0].sign == .plus && t[1] == 0 && t[1].sign == .minus)
    #expect(t[2] == 1 && t[3] == -1 && t[4].isNaN && t[5] == 1 && t[6] == -1 && t[8] == 1e-320)
    let s = sigmoid(v).elements
    #expect(s[0] == 0.5 && s[2] == 1 && s[3] == 0 && s[4].isNaN && s[5] == 1 && s[6] == 0)
    // σ(−746) = e⁻⁷⁴⁶ is below half the smallest subnormal, so it rounds to 0.
    #expect(sigmoid(-745) > 0)
    #expect(Math.log(0) == -.infinity && Math.log(-1).isNaN && Math.log(.infinity) == .infinity)
    #expect(Math.log(1) == 0 && Math.log(.nan).isNaN)
  }

  /// A score 800 above the target's: −log(softmax) would take the log of a probability
  /// that rounds to 0 (e⁻⁸⁰⁰) and give ∞; log-sum-exp gives the loss, 800.
  @Test func crossEntropyStaysFiniteWhereTheProbabilityUnderflows() {
    let (loss, gradient) = softmaxCrossEntropy(logits: Matrix(vector: [0, 800]), target: 0)
    #expect(softmax(Matrix(vector: [0, 800]))[0] == 0)
    #expect(loss == 800)
    #expect(gradient.elements == [-1, 1])
    // Elsewhere it is the log of a sum of four rounded exponentials: within 4·2⁻⁵³ of the
    // exact value (Float80, where available).
    let scores = [1.0, 2, 3, -4]
    let (near, _) = softmaxCrossEntropy(logits: Matrix(vector: scores), target: 0)
    #if arch(x86_64) && !os(Windows)
      let exact = Foundation.log(scores.map { Foundation.exp(Float80($0)) }.reduce(0, +)) - 1
      #expect(abs(Float80(near) - exact) <= 4 * 0x1p-53)
    #endif
    #expect(near.isFinite && near > 2)
  }
}
