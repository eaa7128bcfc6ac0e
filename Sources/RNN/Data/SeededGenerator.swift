import Foundation

/// A seeded random number generator that gives the same numbers on every platform.
///
/// The state is four 64-bit words filled from the seed by SplitMix64; each draw is
/// one step of xoshiro256** (Blackman and Vigna, 2018). Lessons and tests use it so
/// that every run, on every machine, trains the same network. It never touches the
/// system generator.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let w = rng.normal()  // the same number everywhere
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates a generator whose whole future is fixed by `seed`.
  public init(seed: UInt64) {
    var s = seed
    func splitMix() -> UInt64 {
      s &+= 0x9E37_79B9_7F4A_7C15
      var z = s
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  /// The next 64 random bits (one xoshiro256** step).
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// A uniform number in [0, 1): the top 53 bits of one draw, scaled by 2⁻⁵³.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform number in [low, high).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A normally distributed number (Box–Muller, one value from two uniform draws).
  public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
    let u1 = Double((next() >> 11) + 1) * 0x1.0p-53  // in (0, 1], so log(u1) is finite
    let u2 = uniform()
    return mean + standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A whole number in 0..<upperBound, from one uniform draw.
  public mutating func integer(below upperBound: Int) -> Int {
    precondition(upperBound > 0, "integer(below:) needs a positive bound")
    return min(Int(uniform() * Double(upperBound)), upperBound - 1)
  }

  /// An index drawn with probability proportional to `weights[index]`.
  ///
  /// This is how a language model picks its next character from a softmax.
  public mutating func choice(weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    precondition(total > 0, "choice(weights:) needs a positive total weight")
    var remaining = uniform() * total
    for (index, weight) in weights.enumerated() {
      remaining -= weight
      if remaining < 0 { return index }
    }
    return weights.lastIndex(where: { $0 > 0 }) ?? weights.count - 1
  }

  /// The elements of `array` in a random order (Fisher–Yates).
  public mutating func shuffled<T>(_ array: [T]) -> [T] {
    var result = array
    var i = result.count - 1
    while i > 0 {
      result.swapAt(i, integer(below: i + 1))
      i -= 1
    }
    return result
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
