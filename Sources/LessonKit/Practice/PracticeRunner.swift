import Foundation

/// Runs attempts: the reference solution once under the course's own limits (its
/// checks are the totals), and each attempt under the strict profile.
public struct PracticeRunner: Sendable {
  /// The runner for the course's own lessons (the reference runs).
  public let course: LessonRunner
  /// The runner for attempts: the strict profile.
  public let attempts: LessonRunner

  /// Attempts run with `course`'s limits, strict, with `seconds` as their time limit
  /// (a lesson's own limit still wins) and `hiddenFolders` out of their sight.
  public init(course: LessonRunner, seconds: Double, hiddenFolders: [String] = []) {
    self.course = course
    var limits = course.limits
    limits.profile = .strict
    limits.timeLimit = seconds
    limits.hiddenFolders = hiddenFolders
    self.attempts = course.with(limits)
  }

  /// The reference solution's run of `lesson` (cached like any lesson's run), or what
  /// is wrong with it: a lesson that fails its own checks cannot judge attempts.
  public func reference(_ lesson: Lesson) throws -> LessonRun {
    let run = course.run(lesson)
    let problems = DocTest.failures(lesson, run).filter { $0.message.hasPrefix("check ") || run.failed }
    if run.failed || !problems.isEmpty {
      let first = (problems.first ?? run.lessonErrors.first).map { ": \($0)" } ?? ""
      throw SetupError("\(lesson.path) fails with its own solutions, so it cannot judge an attempt\(first)")
    }
    return run
  }

  /// The attempt in `text` (a practice file at `file`) at `course`: spliced, run, judged.
  public func check(text: String, file: String, course lesson: Lesson, reference: LessonRun) throws
    -> (attempt: Attempt, outcomes: [ExerciseOutcome])
  {
    let learner = LessonParser.parse(text, path: file)
    let attempt = try Attempt(course: lesson, code: Attempt.exercises(in: learner), file: file)
    let run = attempts.run(attempt.lesson)
    return (attempt, Assessment.outcomes(of: attempt, run: run, reference: reference))
  }

  /// Problems with `lesson`'s starters, each at its starter's line: a starter that
  /// passes all its checks (it must fail one), one that does not compile, or one that
  /// stops the program before a later exercise's checks can run.
  public func starterProblems(_ lesson: Lesson, reference: LessonRun) -> [Diagnostic] {
    let exercises = lesson.exercises
    guard !exercises.isEmpty, !reference.failed else { return [] }
    let attempt: Attempt
    do {
      attempt = try Attempt(course: lesson, code: [:], file: lesson.path)
    } catch {
      return [Diagnostic(file: lesson.path, line: exercises[0].starter.fenceLine, message: "\(error)")]
    }
    let outcomes = Assessment.outcomes(of: attempt, run: course.run(attempt.lesson), reference: reference)
    var problems: [Diagnostic] = []
    for (exercise, outcome) in zip(exercises, outcomes) {
      let line = exercise.starter.fenceLine
      switch outcome.status {
      case .passed:
        problems.append(
          Diagnostic(
            file: lesson.path, line: line,
            message: "the starter of exercise \(exercise.name) passes all \(outcome.total) of its checks: a starter "
              + "must fail at least one (is a check too weak, or the starter already the answer?)"))
      case .compileError(let place, let message):
        problems.append(
          Diagnostic(
            file: lesson.path, line: place.line,
            message: "the starter of exercise \(exercise.name) must compile: \(message)"))
      case .notRun(let why):
        problems.append(
          Diagnostic(
            file: lesson.path, line: line,
            message: "the starter of exercise \(exercise.name) could not be checked: \(why); a starter must "
              + "run and return a placeholder"))
      default:
        break
      }
    }
    return problems
  }

  /// `lessons` with the problems of their starters added to their failures (lessons
  /// that already fail are left as they are), at most `jobs` lessons at once.
  public func checkingStarters(of lessons: [RanLesson], jobs: Int) -> [RanLesson] {
    parallelMap(lessons, jobs: jobs) { ran in
      guard !ran.lesson.exercises.isEmpty && ran.failures.isEmpty else { return ran }
      let problems = starterProblems(ran.lesson, reference: ran.run)
      return problems.isEmpty ? ran : RanLesson(lesson: ran.lesson, run: ran.run, extraFailures: problems)
    }
  }
}
