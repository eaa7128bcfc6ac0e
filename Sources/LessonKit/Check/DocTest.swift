import Foundation

/// A difference between what a lesson says a cell prints and what it printed.
public struct DocTestFailure: Sendable, CustomStringConvertible {
  /// Where: the `output` block's file and line, or the cell's.
  public let location: String
  /// The unified diff, or the reason.
  public let detail: String

  /// The location and the detail, ready to print.
  public var description: String { detail.hasPrefix(location) ? detail : "\(location): \(detail)" }
}

/// Doc-tests: a lesson's `output` blocks against what its cells printed.
public enum DocTest {
  /// Every failure of `lesson` given its run: output mismatches, cell errors (other than
  /// those expected of `fails` cells) and lesson errors.
  public static func failures(_ lesson: Lesson, _ run: LessonRun) -> [DocTestFailure] {
    var failures = lesson.diagnostics.map {
      DocTestFailure(location: "\($0.file):\($0.line)", detail: "error: \($0.message)")
    }
    failures += run.lessonErrors.map { DocTestFailure(location: lesson.path, detail: $0) }
    for cell in lesson.cells where cell.runs {
      let result = run.cells[cell.index]
      if cell.mode == .fails {
        if result == nil || result?.error == nil {
          failures.append(
            DocTestFailure(location: "\(lesson.path):\(cell.codeLine)", detail: "error: this `fails` cell did not fail")
          )
        } else if let error = result?.error, error.contains("marked `fails`") {
          failures.append(DocTestFailure(location: "\(lesson.path):\(cell.codeLine)", detail: error))
        }
      } else if let error = result?.error {
        failures.append(DocTestFailure(location: "\(lesson.path):\(cell.codeLine)", detail: error))
      }
      guard let expected = cell.expected else { continue }
      let actual = (expected.includesDisplays ? result?.outputWithSummaries : result?.output) ?? ""
      if normalise(expected.text) != normalise(actual) {
        failures.append(
          DocTestFailure(
            location: "\(lesson.path):\(expected.fenceLine)",
            detail: "output differs\n" + unifiedDiff(expected: normalise(expected.text), actual: normalise(actual))))
      }
    }
    return failures
  }

  /// Text compared without trailing white space at line ends, or trailing blank lines.
  static func normalise(_ text: String) -> [String] {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map { String($0.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()) }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  /// A unified diff of two lists of lines ("-" expected, "+" actual).
  static func unifiedDiff(expected: [String], actual: [String]) -> String {
    let n = expected.count
    let m = actual.count
    guard n * m <= 4_000_000 else {
      return "--- expected (\(n) lines)\n+++ actual (\(m) lines)\n(too long to compare line by line)"
    }
    // Longest common subsequence table, filled from the end.
    var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i][j] = expected[i] == actual[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var lines = ["--- expected", "+++ actual"]
    var (i, j) = (0, 0)
    while i < n || j < m {
      if i < n, j < m, expected[i] == actual[j] {
        lines.append(" " + expected[i])
        i += 1
        j += 1
      } else if i < n, j == m || table[i + 1][j] >= table[i][j + 1] {
        lines.append("-" + expected[i])
        i += 1
      } else {
        lines.append("+" + actual[j])
        j += 1
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The lesson file's text with each `output` block's contents replaced by what its
  /// cell printed; every other byte is left as it was (line endings included). Blocks
  /// of cells that failed are left as they were.
  public static func bless(_ text: String, lesson: Lesson, run: LessonRun) -> String {
    let newline = text.contains("\r\n") ? "\r\n" : "\n"
    var lines = text.components(separatedBy: newline)
    // From the bottom up, so earlier line numbers stay valid.
    for cell in lesson.cells.reversed() where cell.runs {
      // A cell that failed (did not compile, trapped, timed out) keeps its block: its
      // output is not an answer to record.
      guard let expected = cell.expected, expected.closingLine > expected.fenceLine,
        let result = run.cells[cell.index], result.error == nil || cell.mode == .fails
      else { continue }
      let actual = normalise(expected.includesDisplays ? result.outputWithSummaries : result.output)
      lines.replaceSubrange(expected.fenceLine..<(expected.closingLine - 1), with: actual)
      // Output that holds a fence of its own (a line of ```) needs a longer fence
      // around it, or it would close the block early.
      let opening = lines[expected.fenceLine - 1]
      let indent = opening.prefix { $0 == " " }
      guard let fenceCharacter = opening.dropFirst(indent.count).first else { continue }
      let fenceLength = opening.dropFirst(indent.count).prefix { $0 == fenceCharacter }.count
      let longest =
        actual.map { line in line.drop { $0 == " " }.prefix { $0 == fenceCharacter }.count }.max() ?? 0
      if longest >= fenceLength {
        let fence = String(repeating: fenceCharacter, count: longest + 1)
        lines[expected.fenceLine - 1] = indent + fence + opening.dropFirst(indent.count + fenceLength)
        let closingIndex = expected.fenceLine + actual.count
        lines[closingIndex] = indent + fence
      }
    }
    return lines.joined(separator: newline)
  }
}
