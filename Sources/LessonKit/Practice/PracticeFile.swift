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
    return header(for: lesson, folder: folder) + lines.joined(separator: "\n")
  }

  /// The lesson a practice file of `lesson` names in its first line: its slug, after
  /// its edition's folder for a translation (`zh/03-slug`).
  public static func practised(_ lesson: Lesson) -> String {
    lesson.edition.folder.map { "\($0)/\(lesson.slug)" } ?? lesson.slug
  }

  /// The comment that opens a practice file, in the lesson's language.
  static func header(for lesson: Lesson, folder: String) -> String {
    let command = "swift run unrolled check \(folder)/\(name(for: lesson))"
    switch lesson.edition {
    case .english:
      return """
        <!-- practice of \(practised(lesson)): write your code in the `swift exercise` cells (only those
             are read; everything else comes from the course), then, from the course's folder:
                 \(command) -->

        """
    case .chinese:
      return """
        <!-- practice of \(practised(lesson))：把代码写在 `swift exercise` 单元里（只读取这些单元，
             其余内容都取自课程），然后在课程的目录下运行：
                 \(command) -->

        """
    }
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

  /// The lesson a practice file says it practises (its first line's comment), if any:
  /// `03-slug`, or `zh/03-slug` for the Chinese edition's.
  public static func lessonName(in text: String) -> String? {
    guard let range = text.range(of: #"<!-- practice of (zh/)?[A-Za-z0-9._-]+"#, options: .regularExpression) else {
      return nil
    }
    return String(text[range].dropFirst("<!-- practice of ".count))
  }

  /// The README written beside the Chinese edition's practice files.
  public static func chineseReadme(folder: String) -> String {
    """
    # 练习文件

    这里的每个文件都是课程中的一课，去掉了参考答案和隐藏的检查。练习就是其中的
    `swift exercise NAME` 单元：把起始代码里“在这里写你的代码”那行注释和占位的返回值
    换成你自己的代码。检查时只读取这些单元；正文、准备代码和检查都取自课程，
    改动它们不会有任何作用。

    在课程的目录下检查你的代码：

        swift run unrolled check \(folder)/03-backpropagation-through-time-by-hand.md

    每个练习打印一行结果（英文）：passed（通过）；failed（未通过，附上未通过的可见检查的信息）；
    a hidden check failed（某个隐藏检查未通过，只给出它的名字）；timed out（超时）；或 crashed
    （崩溃，并指出你文件中的行号）。所有练习都通过时退出状态为 0。

    `swift run unrolled practice --lang zh LESSON` 不会覆盖你改过的文件；加上 `--force`
    才会从起始代码重新开始。

    """
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
