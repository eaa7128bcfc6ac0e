import Foundation

/// How `unrolled build` and `test` print diagnostics: for people, for GitHub's
/// annotations, or for editors.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
  /// `file:line: error: message`, as compilers print them.
  case text
  /// `::error file=…,line=…,col=…::message`, which GitHub Actions turns into annotations.
  case github
  /// One JSON object per line: `file`, `line`, `column`, `severity`, `message`.
  case json

  /// The format a run chooses by itself: `github` under GitHub Actions, `text` elsewhere.
  public static func automatic(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> DiagnosticFormat
  {
    environment["GITHUB_ACTIONS"] == "true" ? .github : .text
  }

  /// `diagnostic` as one line (text may keep the message's own line breaks).
  public func format(_ diagnostic: Diagnostic) -> String {
    switch self {
    case .text:
      return diagnostic.description
    case .github:
      var properties = "file=\(Self.escapeProperty(diagnostic.file)),line=\(diagnostic.line)"
      if let column = diagnostic.column { properties += ",col=\(column)" }
      return "::\(diagnostic.severity.rawValue) \(properties)::\(Self.escapeData(diagnostic.message))"
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let data = (try? encoder.encode(diagnostic)) ?? Data("{}".utf8)
      return String(decoding: data, as: UTF8.self)
    }
  }

  /// A workflow command's message: `%`, CR and LF escaped.
  static func escapeData(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// A workflow command's property: also `:` and `,`.
  static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
