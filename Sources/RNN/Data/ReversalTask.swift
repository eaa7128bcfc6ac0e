/// Digit-string reversal, a small sequence-to-sequence task made in code: read L random
/// digits, write them back last first, then say that the answer is over.
///
/// Tokens are numbered 0–9 for the digits, then ``begin`` (10) and ``end`` (11). For the
/// source 3 1 4 the decoder reads `begin 4 1 3` and must write `4 1 3 end`: at each
/// step its input is the token it should have written one step before.
///
/// A task holds a held-out set drawn first; training examples are drawn so that none of
/// them has a held-out source, so held-out accuracy measures sequences the model never
/// saw.
public struct ReversalTask: Sendable {
  /// The number of digit tokens, 0–9.
  public static let digitCount = 10
  /// The token the decoder reads first, before it has written anything.
  public static let begin = 10
  /// The token that ends every target.
  public static let end = 11
  /// Digits, begin and end: 12 tokens.
  public static let vocabularySize = 12

  /// One source sequence with what the decoder reads and must write.
  public struct Example: Hashable, Sendable {
    /// x₁…x_L, the digits to reverse.
    public let source: [Int]

    /// An example for the given digits.
    public init(source: [Int]) {
      precondition(source.allSatisfy { (0..<ReversalTask.digitCount).contains($0) }, "a source holds digits 0–9")
      self.source = source
    }

    /// What the decoder must write: the digits last first, then ``ReversalTask/end``
    /// (L + 1 tokens).
    public var target: [Int] { source.reversed() + [ReversalTask.end] }
    /// What the decoder reads under teacher forcing: ``ReversalTask/begin``, then the
    /// target shifted by one step (L + 1 tokens).
    public var decoderInput: [Int] { [ReversalTask.begin] + source.reversed() }
  }

  /// L, the number of digits in every source.
  public let length: Int
  /// The held-out examples, all with different sources.
  public let heldOut: [Example]
  private let heldOutSources: Set<[Int]>

  /// A task of sources of `length` digits, whose `heldOutCount` held-out examples are
  /// drawn from `rng` first. At most half of the 10^L possible sources may be held out,
  /// so that training has sources left to draw.
  public init(length: Int, heldOutCount: Int, using rng: inout SeededGenerator) {
    precondition(length >= 1, "a source has at least one digit")
    let possible = (0..<length).reduce(1.0) { total, _ in total * Double(Self.digitCount) }
    precondition(Double(heldOutCount) <= possible / 2, "at most half of the possible sources may be held out")
    self.length = length
    var seen = Set<[Int]>()
    var examples: [Example] = []
    while examples.count < heldOutCount {
      let source = Self.randomSource(length: length, using: &rng)
      if seen.insert(source).inserted { examples.append(Example(source: source)) }
    }
    heldOut = examples
    heldOutSources = seen
  }

  /// Whether `source` is one of the held-out sources.
  public func isHeldOut(_ source: [Int]) -> Bool {
    heldOutSources.contains(source)
  }

  /// A training example: uniform random digits, drawn again while the source is held
  /// out.
  public func trainingExample(using rng: inout SeededGenerator) -> Example {
    while true {
      let source = Self.randomSource(length: length, using: &rng)
      if !isHeldOut(source) { return Example(source: source) }
    }
  }

  /// `count` training examples, each from ``trainingExample(using:)``.
  public func trainingExamples(count: Int, using rng: inout SeededGenerator) -> [Example] {
    (0..<count).map { _ in trainingExample(using: &rng) }
  }

  private static func randomSource(length: Int, using rng: inout SeededGenerator) -> [Int] {
    (0..<length).map { _ in rng.integer(below: digitCount) }
  }
}
