/// The distinct characters of a text, each with a number: what a character-level model
/// reads and writes.
///
/// Characters are numbered in sorted order, so the same text always gives the same
/// numbering.
public struct Vocabulary: Sendable {
  /// The characters, in the order of their numbers.
  public let characters: [Character]
  private let indexOf: [Character: Int]

  /// The vocabulary of every distinct character in `text`.
  public init(_ text: String) {
    characters = Set(text).sorted()
    indexOf = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, $0) })
  }

  /// How many distinct characters there are.
  public var size: Int { characters.count }

  /// The number of each character of `text`; a character outside the vocabulary traps
  /// with a message naming it.
  public func encode(_ text: String) -> [Int] {
    text.map { c in
      guard let i = indexOf[c] else { preconditionFailure("\(c.debugDescription) is not in the vocabulary") }
      return i
    }
  }

  /// The text whose characters have these numbers.
  public func decode(_ indices: [Int]) -> String {
    String(indices.map { characters[$0] })
  }
}
