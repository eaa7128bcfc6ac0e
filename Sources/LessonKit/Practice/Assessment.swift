/// Judges an attempt's run against the reference solution's run: an exercise gets
/// credit only for checks that ran in the attempt and passed, out of the checks the
/// reference solution makes. Checks are read from the runner's private channel, so
/// lines an attempt prints that look like check results count for nothing.
public enum Assessment {
  /// The message of a check the reference solution makes that did not run in an attempt.
  public static let didNotRun = "this check did not run"
  /// The message of a check whose results the attempt's own code added to.
  public static let reportedByTheAttempt =
    "your code reported results for this check itself (by calling check), so it gets no credit"

  /// One outcome per exercise of `attempt`, in order.
  public static func outcomes(of attempt: Attempt, run: LessonRun, reference: LessonRun) -> [ExerciseOutcome] {
    let lesson = attempt.lesson
    let stop = stopping(attempt, run)
    return lesson.exercises.map { exercise in
      var outcome = ExerciseOutcome(
        exercise: exercise.name, status: .passed, passed: 0, total: 0, visibleChecks: [], printed: "",
        missing: attempt.missing.contains(exercise.name))
      for check in exercise.checks { outcome.total += reference.cells[check.index]?.checks.count ?? 0 }
      guard let solution = exercise.solution else {
        outcome.status = .notRun("the exercise has no solution in the course")
        return outcome
      }
      // What the learner's code printed: in its own cell, and when the visible checks
      // called it (a hidden check's cell may print what it checks).
      outcome.printed = ([solution] + exercise.checks.filter { !$0.hidden }).map { run.cells[$0.index]?.output ?? "" }
        .joined()
      // Compile errors first: nothing ran.
      if case .compileError(let errors)? = run.cells[solution.index]?.failure, let first = errors.first {
        let place = attempt.place(ofLine: first.line)
        outcome.status = .compileError(
          at: place, message: attempt.rewritingPlaces(in: errors.map(\.message).joined(separator: "\n")))
        return outcome
      }
      if let compile = compileProblem(attempt, run) {
        outcome.status = .notRun(compile)
        return outcome
      }
      if case .refused(let why)? = stop?.failure {
        outcome.status = .refused(why)
        return outcome
      }
      guard run.cells[solution.index] != nil else {
        outcome.status = .notRun(
          stop.map { "the program stopped before it: \(describe($0, attempt))" } ?? "it did not run")
        return outcome
      }
      // Credit for each check the reference made that ran here and passed, matched by
      // name (and by order among checks of the same name).
      var firstVisible: CheckResult?
      var firstHidden: CheckResult?
      for check in exercise.checks {
        let expected = reference.cells[check.index]?.checks ?? []
        var made = run.cells[check.index]?.checks ?? []
        for want in expected {
          // More results of a name than the course's check makes: the attempt's own code
          // reported some (it runs inside the check cell), so none of them count.
          let reported = made.filter { $0.name == want.name }.count
          let forged = reported > expected.filter { $0.name == want.name }.count
          let found = made.firstIndex { $0.name == want.name }.map { made.remove(at: $0) }
          var result = found ?? CheckResult(name: want.name, passed: false, message: didNotRun)
          if forged { result = CheckResult(name: want.name, passed: false, message: reportedByTheAttempt) }
          if result.passed { outcome.passed += 1 }
          if !check.hidden { outcome.visibleChecks.append(result) }
          if !result.passed {
            if check.hidden { firstHidden = firstHidden ?? result } else { firstVisible = firstVisible ?? result }
          }
        }
      }
      let cells = [solution.index] + exercise.checks.map(\.index)
      if let stop, cells.contains(stop.cell) {
        outcome.status = status(of: stop.failure, attempt)
      } else if let firstVisible {
        outcome.status = .failed(check: firstVisible.name, message: firstVisible.message)
      } else if let firstHidden {
        outcome.status = .failedHidden(check: firstHidden.name)
      }
      return outcome
    }
  }

  /// The cell the program stopped in, and how (not counting `fails` cells, which must).
  static func stopping(_ attempt: Attempt, _ run: LessonRun) -> (cell: Int, failure: CellFailure)? {
    for cell in attempt.lesson.cells where cell.runs && cell.mode != .fails {
      if let failure = run.cells[cell.index]?.failure {
        if case .compileError = failure { continue }
        return (cell.index, failure)
      }
    }
    return nil
  }

  /// Why the attempt did not compile, outside the learner's own cells, if it did not.
  static func compileProblem(_ attempt: Attempt, _ run: LessonRun) -> String? {
    let learners = Set(attempt.lesson.exercises.compactMap { $0.solution?.index })
    for cell in attempt.lesson.cells where !learners.contains(cell.index) {
      if case .compileError(let errors)? = run.cells[cell.index]?.failure, let first = errors.first {
        // The compiler's words about a hidden check may quote it.
        if cell.mode == .check && cell.hidden {
          return "a hidden check of exercise \(cell.exercise ?? "") does not compile with your code (are the "
            + "names and types the starter's?)"
        }
        return "the lesson does not compile with your code: \(attempt.place(ofLine: first.line)): "
          + attempt.rewritingPlaces(in: first.message)
      }
    }
    for cell in attempt.lesson.cells where learners.contains(cell.index) {
      if case .compileError(let errors)? = run.cells[cell.index]?.failure, let first = errors.first {
        return "another exercise does not compile (\(attempt.place(ofLine: first.line)))"
      }
    }
    if let error = run.lessonErrors.first {
      return "the lesson could not run: " + attempt.rewritingPlaces(in: error.message)
    }
    return nil
  }

  /// A failure as an exercise's status, with places in the learner's file.
  static func status(of failure: CellFailure, _ attempt: Attempt) -> ExerciseOutcome.Status {
    switch failure {
    case .timedOut(let seconds): return .timedOut(seconds: seconds)
    case .outOfMemory(let limit): return .outOfMemory(limit: limit)
    case .outputLimit: return .outputLimit
    case .refused(let why): return .refused(why)
    case .interrupted: return .notRun("interrupted")
    case .failsCellDidNotFail: return .notRun("a `fails` cell of the course did not fail")
    case .compileError(let errors): return .notRun("does not compile: \(errors.first?.message ?? "")")
    case .runtimeError(.exited(let status), _, _): return .exitedEarly(status: status)
    case .runtimeError(let stop, let line, let detail):
      let place = attempt.place(ofLine: line)
      var why = stop.headline.replacingOccurrences(of: " in this cell", with: "")
      // Only what the learner's own code said: a check's message may be hidden.
      if place.isLearners, let first = attempt.rewritingPlaces(in: detail).split(separator: "\n").first {
        why += ": " + first
      } else if !place.isLearners {
        why += ", in the course's code that uses your result (is its shape or type right?)"
      }
      return .crashed(at: place.isLearners ? place : nil, why: why)
    }
  }

  /// Where and why the program stopped, in words for an exercise it stopped before.
  static func describe(_ stop: (cell: Int, failure: CellFailure), _ attempt: Attempt) -> String {
    let owner = attempt.lesson.exercises.first { exercise in
      exercise.solution?.index == stop.cell || exercise.checks.contains { $0.index == stop.cell }
    }
    let what = ExerciseOutcome(
      exercise: owner?.name ?? "", status: status(of: stop.failure, attempt), passed: 0, total: 0,
      visibleChecks: [], printed: ""
    ).statusWord.replacingOccurrences(of: "-", with: " ")
    return owner.map { "\(what) in exercise \($0.name)" } ?? "\(what) in the course's code before it"
  }
}
