/// Reads a Markdown text line by line and says which lines are fenced code, as
/// CommonMark opens and closes fences: three or more backticks or tildes indented less
/// than four spaces (a backtick fence's info string holds no backtick), closed by at
/// least as many of the same character and nothing else. The checks that read prose
/// (claims, translation fingerprints, glossary terms) skip code with it.
struct FenceTracker {
  /// What a line is to a reader of prose.
  enum Role {
    /// A fence that opens a code block.
    case opening
    /// A line of code, or the fence that closes its block.
    case code
    /// Anything else.
    case prose
  }

  /// The open fence's character and length, if a block is open.
  private var open: (character: Character, length: Int)?

  /// The role of the next `line`. With `fencesCount` false (inside an HTML comment, for
  /// instance) a fence-like line opens or closes nothing.
  mutating func role(of line: Substring, fencesCount: Bool = true) -> Role {
    let trimmed = line.drop { $0 == " " }
    if fencesCount, line.count - trimmed.count < 4, let first = trimmed.first, first == "`" || first == "~" {
      let length = trimmed.prefix { $0 == first }.count
      if let fence = open {
        if first == fence.character, length >= fence.length, trimmed.dropFirst(length).allSatisfy(\.isWhitespace) {
          open = nil
        }
        return .code
      }
      if length >= 3 && !(first == "`" && trimmed.dropFirst(length).contains("`")) {
        open = (first, length)
        return .opening
      }
    }
    return open == nil ? .prose : .code
  }
}
