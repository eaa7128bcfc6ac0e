/// How a Swift cell is treated, from the words after `swift` in its fence.
public enum CellMode: String, Sendable, Codable {
  /// `swift`: run, show code and results.
  case run = ""
  /// `swift hide`: run as set-up, show nothing.
  case hide
  /// `swift norun`: show, do not run.
  case norun
  /// `swift fails`: must stop with a runtime error.
  case fails
  /// `swift solution`: an exercise's solution, run and tested, shown folded. With a
  /// name (`swift solution NAME`), the reference solution of exercise NAME: it runs in
  /// the exercise's place.
  case solution
  /// `swift exercise NAME`: the starter a learner edits, shown as the task; the course
  /// runs the exercise's solution in its place.
  case exercise
  /// `swift check NAME` (or `swift check NAME hidden`): checks an attempt at exercise
  /// NAME must pass; run after the exercise's code.
  case check

  /// Whether the cell's code is part of the lesson's program.
  public var runs: Bool { self != .norun && self != .exercise }
}

/// A code block of a lesson.
public struct Cell: Sendable, Equatable {
  /// The position of the cell among the lesson's code blocks, from 0.
  public let index: Int
  /// The fence's language (first word of the info string), "" if none.
  public let language: String
  /// For Swift cells, how it runs; `nil` for other languages (shown, never run).
  public let mode: CellMode?
  /// The code, as in the file.
  public let code: String
  /// The line of the opening fence.
  public let fenceLine: Int
  /// The first line of the code itself.
  public var codeLine: Int { fenceLine + 1 }
  /// The `output` block that follows the cell, if any.
  public var expected: ExpectedOutput?
  /// The exercise an `exercise NAME`, `solution NAME` or `check NAME` cell belongs to.
  public var exercise: String? = nil
  /// Whether a check cell is hidden from learners (`swift check NAME hidden`).
  public var hidden = false
  /// The line of the closing fence (the last line of an unclosed or indented block).
  public var closingLine = 0
  /// The fence's info string as written (`swift check rnn-step hidden`), trimmed.
  public var info = ""

  /// Whether the cell is part of the program.
  public var runs: Bool { mode?.runs ?? false }
}

/// An `output` block: the text a cell must print.
public struct ExpectedOutput: Sendable, Equatable {
  /// The text between the fences.
  public let text: String
  /// The line of the opening fence.
  public let fenceLine: Int
  /// The line of the closing fence.
  public let closingLine: Int
  /// `output displays`: the text includes a summary line for each display the cell
  /// shows (`[line chart: Loss]`), so the doc-test checks the displays too.
  public var includesDisplays = false
}

/// One piece of a lesson page, in order.
public enum LessonBlock: Sendable, Equatable {
  /// Prose, rendered by cmark-gfm; headings carry their level and text for the table of
  /// contents.
  case prose(html: String, heading: (level: Int, text: String)?)
  /// A code cell (its `output` block, if any, travels with it).
  case cell(Cell)

  /// Two blocks are equal when their HTML, heading and cell are.
  public static func == (a: LessonBlock, b: LessonBlock) -> Bool {
    switch (a, b) {
    case (.prose(let x, let hx), .prose(let y, let hy)):
      x == y && hx?.level == hy?.level && hx?.text == hy?.text
    case (.cell(let x), .cell(let y)): x == y
    default: false
    }
  }
}

/// A lesson: a title, its blocks in order, and what was wrong with the file.
public struct Lesson: Sendable {
  /// The file, as given (for example `Lessons/01-what-is-an-rnn.md`).
  public let path: String
  /// The file's name without `.md`, which is also the page's name.
  public let slug: String
  /// The text of the first level-1 heading (the slug if there is none).
  public let title: String
  /// The first paragraph as HTML (math and code kept), for the index page.
  public let summary: String
  /// Prose and cells, in order.
  public let blocks: [LessonBlock]
  /// Problems found while reading the file (an unclosed fence, an unknown option, …).
  public let diagnostics: [Diagnostic]
  /// The time limit for running the lesson, if the lesson sets one.
  public let timeLimit: Double?
  /// The memory limit for running the lesson in bytes, if the lesson sets one with
  /// `<!-- unrolled: memory=2G -->` (sizes in bytes or with K, M, G or T, counted in
  /// 1024s, such as `512M` or `1.5G`).
  public var memoryLimit: UInt64? = nil
  /// The file's text as read, for checks that look at the source itself (the claims a
  /// lesson's prose makes, say).
  public var source: String = ""
  /// The language the lesson is written in.
  public var edition: Edition = .english
  /// The folder the lesson runs in when it is not the file's own folder: a translation
  /// runs in its original's lessons folder, so that `data/…` paths mean the same files.
  public var directory: String? = nil

  /// The code cells, in order.
  public var cells: [Cell] {
    blocks.compactMap { if case .cell(let c) = $0 { c } else { nil } }
  }

  /// The lesson's named exercises, in order: each starter with its solution and checks.
  public var exercises: [Exercise] {
    var found: [Exercise] = []
    for cell in cells where cell.mode == .exercise {
      guard let name = cell.exercise, !found.contains(where: { $0.name == name }) else { continue }
      let solution = cells.first { $0.mode == .solution && $0.exercise == name }
      let checks = cells.filter { $0.mode == .check && $0.exercise == name }
      found.append(Exercise(name: name, starter: cell, solution: solution, checks: checks))
    }
    return found
  }
}

/// A named exercise of a lesson: the starter a learner edits, the reference solution the
/// course runs in its place, and the checks (visible and hidden) that judge an attempt.
public struct Exercise: Sendable, Equatable {
  /// The exercise's name, unique in its lesson.
  public let name: String
  /// The `swift exercise NAME` cell.
  public let starter: Cell
  /// The `swift solution NAME` cell (`nil` only in a lesson with a diagnostic).
  public let solution: Cell?
  /// The `swift check NAME` cells, in order.
  public let checks: [Cell]
}
