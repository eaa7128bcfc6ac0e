/// How one exercise of an attempt went: its status, the checks that ran and passed
/// against the checks the reference solution makes, and what the learner's code printed.
public struct ExerciseOutcome: Sendable, Equatable {
  /// How it ended.
  public enum Status: Sendable, Equatable {
    /// Every check the reference solution makes ran and passed.
    case passed
    /// A visible check failed (or did not run although nothing stopped the program).
    case failed(check: String, message: String)
    /// A hidden check failed: only its name is told.
    case failedHidden(check: String)
    /// The learner's code did not compile.
    case compileError(at: Attempt.Place, message: String)
    /// The program ran past its time limit in this exercise.
    case timedOut(seconds: Double)
    /// The program ran out of memory in this exercise.
    case outOfMemory(limit: UInt64)
    /// The program exited (`exit`) before this exercise's checks were done.
    case exitedEarly(status: Int32)
    /// The program trapped or was killed by a signal, at a place if it is known.
    case crashed(at: Attempt.Place?, why: String)
    /// The program printed more than its output limit.
    case outputLimit
    /// The exercise never ran: the program stopped before it, for the reason given.
    case notRun(String)
    /// The sandbox refused to run the attempt.
    case refused(String)
  }

  /// The exercise's name.
  public var exercise: String
  /// How it ended.
  public var status: Status
  /// Checks that ran and passed.
  public var passed: Int
  /// Checks the reference solution makes (visible and hidden).
  public var total: Int
  /// The visible checks that ran, with their messages.
  public var visibleChecks: [CheckResult]
  /// What the learner's code printed while it ran (not what the checks printed).
  public var printed: String
  /// Whether the learner's file lacked the exercise (its starter ran instead).
  public var missing = false

  /// A word for the grades table: passed, failed, hidden-failed, compile-error,
  /// timed-out, out-of-memory, exited-early, crashed, output-limit, not-run, refused.
  public var statusWord: String {
    switch status {
    case .passed: "passed"
    case .failed: "failed"
    case .failedHidden: "hidden-check-failed"
    case .compileError: "compile-error"
    case .timedOut: "timed-out"
    case .outOfMemory: "out-of-memory"
    case .exitedEarly: "exited-early"
    case .crashed: "crashed"
    case .outputLimit: "output-limit"
    case .notRun: "not-run"
    case .refused: "refused"
    }
  }

  /// The outcome in one sentence for the learner (never a hidden check's text).
  public var sentence: String {
    let unrun = " (\(passed) of \(total) checks passed; the checks after it did not run, so they get no credit)"
    let missingNote = missing ? " (your file has no `swift exercise \(exercise)` cell, so its starter was checked)" : ""
    switch status {
    case .passed:
      return "passed (\(passed) of \(total) checks)"
    case .failed(let check, let message):
      return "failed: check \(check): \(message.isEmpty ? "did not pass" : message) (\(passed) of \(total) checks)"
        + missingNote
    case .failedHidden(let check):
      return "a hidden check failed: \(check) (\(passed) of \(total) checks)" + missingNote
    case .compileError(let place, let message):
      return "does not compile: \(place): \(message)"
    case .timedOut(let seconds):
      return "timed out after \(CellFailure.seconds(seconds)) (an endless loop?)" + unrun
    case .outOfMemory(let limit):
      return "ran out of memory (the limit is \(RunLimits.describe(bytes: limit)))" + unrun
    case .exitedEarly(let status):
      return "the program exited (status \(status)) before this exercise's checks were done: code must not call "
        + "exit" + unrun
    case .crashed(let place, let why):
      return "crashed" + (place.map { " at \($0)" } ?? "") + ": \(why)" + unrun
    case .outputLimit:
      return "stopped: it printed more than the output limit" + unrun
    case .notRun(let why):
      return "not run: \(why) (0 of \(total) checks)"
    case .refused(let why):
      return "not run: the sandbox refused (\(why))"
    }
  }
}
