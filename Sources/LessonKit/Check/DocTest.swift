import Foundation

/// Doc-tests: a lesson's `output` blocks against what its cells printed.
public enum DocTest {
  /// Every failure of `lesson` given its run: output mismatches, cell errors (other than
  /// those expected of `fails` cells) and lesson errors.
  public static func failures(_ lesson: Lesson, _ run: LessonRun) -> [Diagnostic] {
    var failures = lesson.diagnostics.filter { $0.severity == .error } + run.lessonErrors
    for cell in lesson.cells where cell.runs {
      let result = run.cells[cell.index]
      let failure = result?.failure
      if cell.mode == .fails {
        if failure == nil {
          failures.append(Diagnostic(file: lesson.path, line: cell.codeLine, message: "this `fails` cell did not fail"))
        } else if failure == .failsCellDidNotFail || failure?.dependsOnTheMachine == true {
          failures.append(failure!.diagnostic(file: lesson.path, cellLine: cell.codeLine))
        }
      } else if let failure {
        failures.append(failure.diagnostic(file: lesson.path, cellLine: cell.codeLine))
      }
      for check in result?.checks ?? [] where !check.passed {
        failures.append(
          Diagnostic(
            file: lesson.path, line: cell.codeLine,
            message: "check \(check.name) of exercise \(cell.exercise ?? "?") fails with the reference solution"
              + (check.message.isEmpty ? "" : ": \(check.message)")))
      }
      guard let expected = cell.expected else { continue }
      let actual = (expected.includesDisplays ? result?.outputWithSummaries : result?.output) ?? ""
      if normalise(expected.text) != normalise(actual) {
        failures.append(
          Diagnostic(
            file: lesson.path, line: expected.fenceLine,
            message: "output differs\n" + unifiedDiff(expected: normalise(expected.text), actual: normalise(actual))))
      }
    }
    // Results stated in the prose must be printed by the lesson; only worth asking of a
    // lesson whose cells all ran.
    if !run.failed && !lesson.source.isEmpty {
      failures += ClaimCheck.unprovedNumbers(lesson, run, source: lesson.source)
    }
    return failures
  }

  /// Text compared without trailing white space at line ends, or trailing blank lines.
  static func normalise(_ text: String) -> [String] {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map { line -> String in
      var end = line.endIndex
      while end > line.startIndex, line[line.index(before: end)] == " " || line[line.index(before: end)] == "\t" {
        end = line.index(before: end)
      }
      return String(line[..<end])
    }
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
    // Each line keeps its own ending (LF, CRLF or a lone CR), so a file with mixed
    // endings has the same line numbers here as in the parser.
    var lines: [String] = []
    var endings: [String] = []
    var current = ""
    for character in text {  // "\r\n" is one Character
      if character == "\n" || character == "\r\n" || character == "\r" {
        lines.append(current)
        endings.append(String(character))
        current = ""
      } else {
        current.append(character)
      }
    }
    lines.append(current)
    endings.append("")
    // From the bottom up, so earlier line numbers stay valid.
    for cell in lesson.cells.reversed() where cell.runs {
      // A cell that failed (did not compile, trapped, timed out) keeps its block: its
      // output is not an answer to record.
      guard let expected = cell.expected, expected.closingLine > expected.fenceLine,
        let result = run.cells[cell.index], result.failure == nil || cell.mode == .fails
      else { continue }
      let actual = normalise(expected.includesDisplays ? result.outputWithSummaries : result.output)
      let block = expected.fenceLine..<(expected.closingLine - 1)
      guard block.upperBound < lines.count else { continue }
      lines.replaceSubrange(block, with: actual)
      endings.replaceSubrange(block, with: Array(repeating: endings[expected.fenceLine - 1], count: actual.count))
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
    return zip(lines, endings).map { $0 + $1 }.joined()
  }
}
