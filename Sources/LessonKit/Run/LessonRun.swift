/// A chart, heat map or table that a cell showed with `show(_:)`.
public struct DisplayOutput: Sendable, Codable, Equatable {
  /// How many bytes of the cell's output came before it: where it goes among the text.
  public var offset: Int
  /// Its HTML (an inline SVG or a table).
  public var html: String
  /// The one line that stands for it in text, for doc-tests that ask for displays.
  public var summary: String

  /// A display shown after `offset` bytes of output.
  public init(offset: Int, html: String, summary: String) {
    self.offset = offset
    self.html = html
    self.summary = summary
  }
}

/// One check an exercise's check cell made (`check(_:_:_:)` in the RNN library).
public struct CheckResult: Sendable, Codable, Equatable {
  /// The check's name, unique within its exercise.
  public var name: String
  /// Whether it passed.
  public var passed: Bool
  /// What the learner is told when it did not.
  public var message: String

  /// A check's result.
  public init(name: String, passed: Bool, message: String) {
    self.name = name
    self.passed = passed
    self.message = message
  }
}

/// What one cell did when its lesson ran.
public struct CellResult: Sendable, Codable, Equatable {
  /// What the cell printed on standard output (cut to the output limit, with a notice).
  public var output: String = ""
  /// What the cell showed, in order, each placed after the output printed before it.
  public var displays: [DisplayOutput] = []
  /// The checks the cell made, in order (check cells of exercises).
  public var checks: [CheckResult] = []
  /// What went wrong in this cell: a compile error, a runtime error, a time-out, a
  /// limit, a `fails` cell that did not fail. `nil` if nothing did.
  public var failure: CellFailure?

  /// A result with the given output, failure and displays.
  public init(output: String = "", failure: CellFailure? = nil, displays: [DisplayOutput] = []) {
    self.output = output
    self.failure = failure
    self.displays = displays
  }

  /// The output cut into pieces of text and displays, in the order they appeared.
  public var pieces: [OutputPiece] {
    var pieces: [OutputPiece] = []
    let bytes = Array(output.utf8)
    var start = 0
    for display in displays {
      let end = min(max(display.offset, start), bytes.count)
      if end > start { pieces.append(.text(String(decoding: bytes[start..<end], as: UTF8.self))) }
      pieces.append(.display(display))
      start = end
    }
    if start < bytes.count { pieces.append(.text(String(decoding: bytes[start...], as: UTF8.self))) }
    return pieces
  }

  /// The output with each display's summary on a line of its own where it appeared.
  public var outputWithSummaries: String {
    pieces.map { piece in
      switch piece {
      case .text(let text): text
      case .display(let display): display.summary + "\n"
      }
    }.joined()
  }
}

/// A piece of a cell's results: printed text or a display.
public enum OutputPiece: Sendable, Equatable {
  /// Text the cell printed.
  case text(String)
  /// Something the cell showed.
  case display(DisplayOutput)
}

/// The results of running one lesson: per cell, plus errors that belong to no cell.
public struct LessonRun: Sendable, Codable {
  /// Results by cell index; cells that never ran have none.
  public var cells: [Int: CellResult] = [:]
  /// Errors of the lesson as a whole (a file problem, a compile error outside any cell).
  public var lessonErrors: [Diagnostic] = []
  /// Advice that does not fail the lesson, with the lesson's file and line (an expression
  /// that took the compiler seconds to type-check, say).
  public var warnings: [Diagnostic] = []
  /// How long running took, in seconds (0 when it came from the cache).
  public var seconds: Double = 0
  /// Whether the results came from the cache.
  public var cached = false

  /// An empty run (no cell has results yet).
  public init() {}

  /// Whether anything went wrong.
  public var failed: Bool {
    !lessonErrors.isEmpty || cells.values.contains { $0.failure != nil }
  }

  /// Whether the run may be kept in the cache: not when it failed in a way that depends
  /// on the machine's load or on the user (a time-out, the memory limit, an interrupt).
  public var cacheable: Bool {
    !cells.values.contains { $0.failure?.dependsOnTheMachine == true }
  }
}
