import Foundation
import SwiftParser
import SwiftSyntax

/// A token of a Swift cell, as the same-code rule compares them.
struct CodeToken: Equatable, Codable {
  /// Code, or the words of a string literal (which a translation may change).
  enum Kind: String, Equatable, Codable {
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
    guard let memo else { return parse(code) }
    let json = memo.value(for: code) {
      String(decoding: (try? JSONEncoder().encode(parse(code))) ?? Data(), as: UTF8.self)
    }
    return (try? JSONDecoder().decode([CodeToken].self, from: Data(json.utf8))) ?? parse(code)
  }

  /// Where token lists are remembered between runs, as the highlighter remembers its
  /// pages: SwiftSyntax's parser is the slowest part of comparing two editions in a debug
  /// build. `nil` remembers nothing.
  nonisolated(unsafe) static var memo: DiskMemo?

  private static func parse(_ code: String) -> [CodeToken] {
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
