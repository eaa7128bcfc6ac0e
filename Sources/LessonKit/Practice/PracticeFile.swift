import Foundation

/// The file a learner works in: the lesson with every solution and every hidden check
/// taken out, and the starters in place.
public enum PracticeFile {
  /// The practice file's name for `lesson`: its own file name (`03-slug.md`).
  public static func name(for lesson: Lesson) -> String { lesson.slug + ".md" }

  /// The text of the practice file for `lesson` (read from `lesson.source`): every
  /// `swift solution` cell (named or not) and every hidden check cell is removed with
  /// its `output` block, and a comment at the top says which lesson it practises and
  /// how to check it.
  public static func text(for lesson: Lesson, folder: String = "practice") -> String {
    let normalised = lesson.source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
      of: "\r", with: "\n")
    var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var removed = Set<Int>()  // line numbers, from 1
    for cell in lesson.cells where cell.mode == .solution || (cell.mode == .check && cell.hidden) {
      guard cell.closingLine >= cell.fenceLine, cell.fenceLine >= 1 else { continue }
      var last = cell.expected?.closingLine ?? cell.closingLine
      // The blank lines after it go too, so no gap of several is left.
      while last < lines.count, lines[last].trimmingCharacters(in: .whitespaces).isEmpty { last += 1 }
      // A solution's explanation goes with it, as on the page: the prose up to the next
      // numbered exercise, heading, rule or cell.
      if cell.mode == .solution {
        while last < lines.count, !endsExplanation(lines[last]) { last += 1 }
      }
      for line in cell.fenceLine...last { removed.insert(line) }
    }
    lines = lines.enumerated().filter { !removed.contains($0.offset + 1) }.map(\.element)
    let header = """
      <!-- practice of \(lesson.slug): write your code in the `swift exercise` cells (only those
           are read; everything else comes from the course), then, from the course's folder:
               swift run unrolled check \(folder)/\(name(for: lesson)) -->

      """
    return header + lines.joined(separator: "\n")
  }

  /// Whether `line` starts what follows a solution's explanation: a numbered list item
  /// at the margin (the next exercise), a heading, a rule or a fence.
  static func endsExplanation(_ line: String) -> Bool {
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, let mark = line.dropFirst(digits.count).first, mark == "." || mark == ")" { return true }
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return line.hasPrefix("#") || line.hasPrefix("```") || line.hasPrefix("~~~")
      || ["---", "***", "___"].contains(trimmed)
  }

  /// The lesson a practice file says it practises (its first line's comment), if any.
  public static func lessonName(in text: String) -> String? {
    guard let range = text.range(of: #"<!-- practice of [A-Za-z0-9._-]+"#, options: .regularExpression) else {
      return nil
    }
    return String(text[range].dropFirst("<!-- practice of ".count))
  }

  /// The README written beside practice files.
  public static func readme(folder: String) -> String {
    """
    # Practice files

    Each file here is a lesson of the course with its solutions and hidden checks taken
    out. The exercises are the `swift exercise NAME` cells: replace the starter's
    `// your code here` and placeholder result with your own code. Only those cells are
    read when your work is checked; the prose, the set-up and the checks come from the
    course, so editing them changes nothing.

    Check your work from the course's folder:

        swift run unrolled check \(folder)/03-backpropagation-through-time-by-hand.md

    It prints one line per exercise: passed; failed, with the message of the visible
    check that failed; a hidden check failed (its name only); timed out; or crashed, at
    the line of your file. The exit status is 0 when every exercise passes.

    `swift run unrolled practice LESSON` never replaces a file you edited; give
    `--force` to start a file again from its starter.

    """
  }
}
