import SwiftParser
import SwiftSyntax

/// A token of a Swift cell, as the same-code rule compares them.
struct CodeToken: Equatable {
  /// Code, or the words of a string literal (which a translation may change).
  enum Kind: Equatable {
    /// A keyword, name, number, operator or punctuation, including the quotes of string
    /// literals and the code of their interpolations `\(…)`.
    case code
    /// The text between a string literal's quotes (outside its interpolations).
    case text
  }

  /// What kind of token it is.
  let kind: Kind
  /// The token as written, without comments or white space around it.
  let text: String
  /// The line of the cell's code it starts on, from 1.
  let line: Int
}

/// Swift code cut into tokens by SwiftSyntax's parser (the one the page highlighter
/// uses): comments and white space are trivia and not tokens at all.
enum CodeTokens {
  /// The tokens of `code`, in order. Consecutive pieces of one string literal's text
  /// (the lines of a multi-line string) are one `.text` token.
  static func of(_ code: String) -> [CodeToken] {
    let tree = Parser.parse(source: code)
    let converter = SourceLocationConverter(fileName: "", tree: tree)
    var tokens: [CodeToken] = []
    for token in tree.tokens(viewMode: .sourceAccurate) {
      if token.tokenKind == .endOfFile { continue }
      let line = converter.location(for: token.positionAfterSkippingLeadingTrivia).line
      if case .stringSegment = token.tokenKind {
        if let last = tokens.last, last.kind == .text {
          tokens[tokens.count - 1] = CodeToken(kind: .text, text: last.text + token.text, line: last.line)
        } else {
          tokens.append(CodeToken(kind: .text, text: token.text, line: line))
        }
      } else {
        tokens.append(CodeToken(kind: .code, text: token.text, line: line))
      }
    }
    return tokens
  }
}
