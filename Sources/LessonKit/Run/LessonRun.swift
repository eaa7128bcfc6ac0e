/// What one cell did when its lesson ran.
public struct CellResult: Sendable, Codable, Equatable {
  /// What the cell printed on standard output (cut to the output limit, with a notice).
  public var output: String = ""
  /// What went wrong in this cell, with the lesson's file and line: a runtime error, a
  /// time-out, a compile error, a `fails` cell that did not fail. `nil` if nothing did.
  public var error: String?

  /// A result with the given output and error.
  public init(output: String = "", error: String? = nil) {
    self.output = output
    self.error = error
  }
}

/// The results of running one lesson: per cell, plus errors that belong to no cell.
public struct LessonRun: Sendable, Codable {
  /// Results by cell index; cells that never ran have none.
  public var cells: [Int: CellResult] = [:]
  /// Errors of the lesson as a whole (a file problem, a compile error outside any cell).
  public var lessonErrors: [String] = []
  /// How long running took, in seconds (0 when it came from the cache).
  public var seconds: Double = 0
  /// Whether the results came from the cache.
  public var cached = false

  /// An empty run (no cell has results yet).
  public init() {}

  /// Whether anything went wrong.
  public var failed: Bool {
    !lessonErrors.isEmpty || cells.values.contains { $0.error != nil }
  }
}
