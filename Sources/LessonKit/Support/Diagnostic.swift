/// A message about a file at a line (and perhaps a column), with a severity: the one
/// shape every stage reports in, from the parser and the math converter to the runner
/// and the doc-test. It is turned into words for a reader only where it is shown
/// (`description`, or `DiagnosticFormat` for machines).
public struct Diagnostic: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
  /// How serious a message is.
  public enum Severity: String, Sendable, Codable, Hashable {
    /// The lesson is wrong: the build and the doc-test fail.
    case error
    /// Advice that fails nothing.
    case warning
    /// More about the message before it.
    case note
  }

  /// The file, as given (a relative path keeps messages machine-independent).
  public let file: String
  /// The line, counting from 1.
  public let line: Int
  /// The column, counting from 1, where it is known.
  public let column: Int?
  /// How serious it is.
  public let severity: Severity
  /// What is wrong and what to do; it may run over several lines (a diff, a backtrace).
  public let message: String

  /// Creates a diagnostic (an error, unless `severity` says otherwise).
  public init(file: String, line: Int, column: Int? = nil, severity: Severity = .error, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// The place: `Lessons/01-x.md:12` or `Lessons/01-x.md:12:5`.
  public var location: String { "\(file):\(line)" + (column.map { ":\($0)" } ?? "") }

  /// "Lessons/01-x.md:12: error: …", the form editors and terminals link.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
