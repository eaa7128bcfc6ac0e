import Foundation

/// A lesson with its run: what the page and the doc-test are made from.
public struct RanLesson: Sendable {
  /// The parsed lesson.
  public let lesson: Lesson
  /// Its results.
  public let run: LessonRun
  /// Its doc-test failures (empty when the lesson passes), worked out once.
  public let failures: [Diagnostic]

  /// What went wrong in cell `index`, in words, if anything did.
  public func diagnostic(forCell index: Int) -> Diagnostic? {
    guard let failure = run.cells[index]?.failure, let cell = lesson.cells.first(where: { $0.index == index }) else {
      return nil
    }
    return failure.diagnostic(file: lesson.path, cellLine: cell.codeLine)
  }

  /// Pairs a lesson with its run.
  public init(lesson: Lesson, run: LessonRun) {
    self.lesson = lesson
    self.run = run
    self.failures = DocTest.failures(lesson, run)
  }

  /// Pairs a lesson with its run, with failures found beyond the doc-test (starters
  /// that pass their checks, say).
  public init(lesson: Lesson, run: LessonRun, extraFailures: [Diagnostic]) {
    self.lesson = lesson
    self.run = run
    self.failures = DocTest.failures(lesson, run) + extraFailures
  }
}
