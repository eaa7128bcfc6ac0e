import Foundation

/// Saving and loading a model's weights as plain text.
///
/// The format is meant to be read by people and by other programs:
///
///     unrolled-parameters 1
///     Wxh 3 2
///     0.5 -0.25
///     0.125 1e-05
///     -3 0
///     Whh 3 3
///     …
///
/// The first line names the format and its version. Then, for every matrix in the
/// order of ``ParameterSet/parameterPaths``, a line with its name, rows and columns,
/// and one line per row with the entries separated by single spaces. Each number is
/// written as Swift's shortest text that reads back as exactly the same `Double`, so
/// saving and loading changes no bit.
extension ParameterSet {
  /// The weights in the text format described above.
  public func serialized() -> String {
    var lines = [ParameterFileError.header]
    for (name, path) in Self.parameterPaths {
      let m = self[keyPath: path]
      lines.append("\(name) \(m.rows) \(m.cols)")
      for r in 0..<m.rows {
        lines.append(m.elements[r * m.cols..<(r + 1) * m.cols].map { "\($0)" }.joined(separator: " "))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Replaces the weights with those in `text`, which must hold every matrix by name,
  /// in order, with the shapes these weights already have; nothing changes if it does
  /// not.
  public mutating func load(serialized text: String) throws(ParameterFileError) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    guard lines.first == ParameterFileError.header else { throw .notAParameterFile }
    var loaded = self
    var index = 1
    for (name, path) in Self.parameterPaths {
      let expected = self[keyPath: path]
      guard index < lines.count else { throw .missing(name) }
      let heading = lines[index].split(separator: " ").map(String.init)
      guard heading.count == 3, heading[0] == name else { throw .missing(name) }
      guard Int(heading[1]) == expected.rows, Int(heading[2]) == expected.cols else {
        throw .wrongShape(name, expected: "\(expected.rows)×\(expected.cols)", found: "\(heading[1])×\(heading[2])")
      }
      var elements: [Double] = []
      elements.reserveCapacity(expected.count)
      for r in 0..<expected.rows {
        let lineNumber = index + 2 + r
        guard index + 1 + r < lines.count else { throw .badRow(name, line: lineNumber) }
        let row = lines[index + 1 + r].split(separator: " ").map { Double(String($0)) }
        guard row.count == expected.cols, row.allSatisfy({ $0 != nil }) else {
          throw .badRow(name, line: lineNumber)
        }
        elements.append(contentsOf: row.map { $0! })
      }
      loaded[keyPath: path] = Matrix(rows: expected.rows, cols: expected.cols, elements: elements)
      index += 1 + expected.rows
    }
    guard index == lines.count else { throw .unexpectedText(line: index + 1) }
    self = loaded
  }

  /// Writes ``serialized()`` to the file at `url`.
  public func save(to url: URL) throws {
    try serialized().write(to: url, atomically: true, encoding: .utf8)
  }

  /// Replaces the weights with those saved in the file at `url` (see
  /// ``load(serialized:)``).
  public mutating func load(from url: URL) throws {
    try load(serialized: String(contentsOf: url, encoding: .utf8))
  }
}

/// Why a text could not be loaded as a model's weights.
public enum ParameterFileError: Error, Equatable, CustomStringConvertible {
  /// The first line is not `unrolled-parameters 1`.
  case notAParameterFile
  /// The next matrix heading does not name this matrix (it is missing, or out of order).
  case missing(String)
  /// The matrix has another shape than the model's.
  case wrongShape(String, expected: String, found: String)
  /// A row (at this 1-based line) is missing, has the wrong number of entries, or holds
  /// something that is not a number.
  case badRow(String, line: Int)
  /// More text follows the last matrix, from this 1-based line.
  case unexpectedText(line: Int)

  /// The format's first line.
  static let header = "unrolled-parameters 1"

  /// A sentence saying what is wrong.
  public var description: String {
    switch self {
    case .notAParameterFile: "not a parameter file: the first line must be '\(Self.header)'"
    case .missing(let name): "the matrix \(name) is missing or out of order"
    case .wrongShape(let name, let expected, let found): "\(name) is \(found) in the file, the model needs \(expected)"
    case .badRow(let name, let line): "line \(line): a row of \(name) is missing, too short, too long or not numbers"
    case .unexpectedText(let line): "line \(line): text after the last matrix"
    }
  }
}
