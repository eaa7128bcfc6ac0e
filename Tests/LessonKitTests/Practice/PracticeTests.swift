import Foundation
import Testing

@testable import LessonKit

/// Practice files, attempts and their judgement: credit only for checks that ran on the
/// runner's channel, hidden checks never shown, places in the learner's own file.
@Suite struct PracticeTests {
  static let course = Markup.lesson(
    (try? Markup.fixture("practice.md")) ?? "", path: Paths.fixtures.appendingPathComponent("practice.md").path)

  /// The practice file with the starter of `step` replaced by `body` (and `run-steps`
  /// solved, unless `runSteps` says otherwise).
  static func attempt(
    _ body: String, runSteps: String = "  var h = 0.0\n  return xs.map { x in h = step(x, h); return h }\n"
  )
    -> String
  {
    PracticeFile.text(for: course).replacingOccurrences(of: "  // your code here\n  return 0\n", with: body)
      .replacingOccurrences(of: "  // your code here\n  return []\n", with: runSteps)
  }

  static let reference: LessonRun = Shared.runner.run(course)

  /// Runs `text` as an attempt with a time limit of `seconds`.
  static func check(_ text: String, seconds: Double = 20, hidden: [String] = []) throws -> [ExerciseOutcome] {
    let runner = PracticeRunner(course: Shared.runner, seconds: seconds, hiddenFolders: hidden)
    return try runner.check(text: text, file: "practice/01-practice.md", course: course, reference: reference).outcomes
  }

  @Test func thePracticeFileHoldsStartersAndVisibleChecksOnly() throws {
    let text = PracticeFile.text(for: Self.course)
    #expect(text.hasPrefix("<!-- practice of practice: "))
    #expect(PracticeFile.lessonName(in: text) == "practice")
    #expect(
      text.contains("```swift exercise step\nfunc step(_ x: Double, _ h: Double) -> Double {\n  // your code here"))
    #expect(text.contains("```swift check step\n"))
    for gone in [
      "swift solution", "tanh(weights.wxh", "step(1, 0) = 0.4621", "HIDDEN-SOURCE-TEXT", "HIDDEN-MESSAGE-TEXT",
      "step-negative", "check step hidden",
    ] {
      #expect(!text.contains(gone), "\(gone) is in the practice file")
    }
    // The file is a lesson of its own, with the same exercises and no solutions.
    let reread = Markup.lesson(text)
    #expect(reread.cells.filter { $0.mode == .exercise }.map(\.exercise) == ["step", "run-steps"])
    #expect(reread.cells.allSatisfy { $0.mode != .solution })
    #expect(!text.contains("\n\n\n"))
  }

  /// Lines of the spliced lesson map back to the learner's file inside their code and
  /// to the course's lesson outside it, however long their code is.
  @Test func placesMapBackToTheLearnersFile() throws {
    let text = Self.attempt(
      "  let a = 1\n  let b = 2\n  let c = 3\n  let d = 4\n  return tanh(0.5 * x + 0.8 * h) + Double(a + b + c + d) * 0\n"
    )
    let learner = Markup.lesson(text, path: "mine.md")
    let attempt = try Attempt(course: Self.course, code: Attempt.exercises(in: learner), file: "mine.md")
    let mine = try #require(learner.cells.first { $0.exercise == "step" && $0.mode == .exercise })
    let spliced = try #require(attempt.lesson.exercises.first?.solution)
    #expect(spliced.code == mine.code)
    #expect(
      attempt.place(ofLine: spliced.codeLine + 2)
        == Attempt.Place(file: "mine.md", line: mine.codeLine + 2, isLearners: true))
    // The first line after the exercise's code is the course's closing fence.
    let courseSolution = try #require(Self.course.exercises.first?.solution)
    #expect(attempt.place(ofLine: spliced.closingLine).line == courseSolution.closingLine)
    #expect(attempt.place(ofLine: spliced.closingLine).file == Self.course.path)
    // A cell after the spliced code keeps its course line.
    let courseCheck = try #require(Self.course.exercises.last?.checks.first)
    let splicedCheck = try #require(attempt.lesson.exercises.last?.checks.first)
    #expect(splicedCheck.codeLine == courseCheck.codeLine + 3)
    #expect(
      attempt.place(ofLine: splicedCheck.codeLine)
        == Attempt.Place(file: Self.course.path, line: courseCheck.codeLine, isLearners: false))
    #expect(
      attempt.rewritingPlaces(in: "at \(Self.course.path):\(spliced.codeLine + 1):3")
        == "at mine.md:\(mine.codeLine + 1):3")
  }

  /// Code with a fence line (possible in a file whose own fence is longer) would end
  /// the course's cell early: it is refused, not run.
  @Test func aFenceInTheLearnersCodeIsRefused() {
    #expect(throws: Attempt.Problem.self) {
      _ = try Attempt(course: Self.course, code: ["step": (code: "  return 0\n```\nprint(1)\n", line: 5)], file: "f.md")
    }
  }

  @Test func aCorrectAttemptPasses() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let outcomes = try Self.check(Self.attempt("  print(\"stepping\", x)\n  return tanh(0.5 * x + 0.8 * h)\n"))
    #expect(outcomes.map(\.status) == [.passed, .passed])
    #expect(outcomes.map(\.passed) == [4, 2] && outcomes.map(\.total) == [4, 2])
    // What the learner's code printed when the visible checks called it.
    #expect(outcomes[0].printed == "stepping 1.0\nstepping 0.0\n")
  }

  @Test func wrongMathsFailsAVisibleCheckWithItsMessage() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let outcomes = try Self.check(Self.attempt("  return tanh(0.5 * x + 0.8 * x)\n"))
    #expect(
      outcomes[0].status
        == .failed(check: "step-at-1-0", message: "expected 0.462117, got 0.861723 (tolerance 1.0e-12)"))
    #expect(outcomes[0].passed == 1 && outcomes[0].total == 4)
    #expect(outcomes[0].sentence.hasPrefix("failed: check step-at-1-0: expected 0.462117"))
  }

  /// Passing the visible checks is not enough; a hidden check is named, never shown.
  @Test func aHiddenCheckIsNamedOnly() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let outcomes = try Self.check(Self.attempt("  return x < 0 ? 0 : tanh(0.5 * x + 0.8 * h)\n"))
    #expect(outcomes[0].status == .failedHidden(check: "step-negative"))
    #expect(outcomes[0].sentence == "a hidden check failed: step-negative (2 of 4 checks)")
    #expect(outcomes[0].visibleChecks.map(\.name) == ["step-at-1-0", "step-at-0-1"])
  }

  /// A hang is stopped at the time limit; the checks after it get no credit, and the
  /// exercise after it did not run.
  @Test func aHangTimesOutWithNoCredit() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let outcomes = try Self.check(Self.attempt("  while true {}\n"), seconds: 3)
    #expect(outcomes[0].status == .timedOut(seconds: 3))
    #expect(outcomes[0].passed == 0)
    #expect(outcomes[1].status == .notRun("the program stopped before it: timed out in exercise step"))
    #expect(outcomes[1].passed == 0 && outcomes[1].total == 2)
  }

  /// An attempt that prints lines like check results and exits early gets nothing:
  /// checks travel on the channel, never on standard output.
  @Test func printedLookAlikesAndAnEarlyExitEarnNothing() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let forged = """
        for name in ["step-at-1-0", "step-at-0-1", "step-negative", "step-odd"] { print("check \\(name): passed") }
        print("check step-at-1-0 0 0 1 11 0\\nstep-at-1-0")
        exit(0)

      """
    let outcomes = try Self.check(Self.attempt(forged))
    #expect(outcomes[0].status == .exitedEarly(status: 0))
    #expect(outcomes.map(\.passed) == [0, 0])
    #expect(outcomes[0].sentence.contains("code must not call exit"))
    #expect(outcomes[0].sentence.contains("did not run, so they get no credit"))
  }

  /// Code that calls `check` itself, from inside the check cell that calls it, adds
  /// results of the check's name: none of that name count.
  @Test func checksReportedByTheAttemptItselfEarnNothing() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let outcomes = try Self.check(
      Self.attempt("  check(\"step-at-1-0\", true)\n  check(\"step-negative\", true)\n  return 0.5 * x\n"))
    #expect(outcomes[0].status == .failed(check: "step-at-1-0", message: Assessment.reportedByTheAttempt))
    // Only step-odd (0.5 x is odd) is credited.
    #expect(outcomes[0].passed == 1)
  }

  /// A trap in the learner's code is reported at the line of their file.
  @Test func aCrashNamesTheLearnersLine() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let text = Self.attempt("  let empty: [Double] = []\n  return empty[3]\n")
    let line =
      try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("empty[3]") })
      + 1
    let outcomes = try Self.check(text)
    guard case .crashed(let place, let why) = outcomes[0].status else {
      Issue.record("not a crash: \(outcomes[0].status)")
      return
    }
    #expect(place == Attempt.Place(file: "practice/01-practice.md", line: line, isLearners: true))
    #expect(why.contains("Index out of range"))
  }

  @Test func aCompileErrorNamesTheLearnersLine() throws {
    let text = Self.attempt("  return tanh(0.5 * x + undefinedName)\n")
    let line =
      try #require(
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("undefinedName") }) + 1
    let outcomes = try Self.check(text)
    guard case .compileError(let place, let message) = outcomes[0].status else {
      Issue.record("not a compile error: \(outcomes[0].status)")
      return
    }
    #expect(place.line == line && place.isLearners)
    #expect(message.contains("undefinedName"))
    #expect(outcomes[1].status == .notRun("another exercise does not compile (practice/01-practice.md:\(line))"))
  }

  /// An exercise deleted from the file is checked with its starter, and said to be.
  @Test func aMissingExerciseRunsItsStarter() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    let text = Self.attempt("  return tanh(0.5 * x + 0.8 * h)\n").replacingOccurrences(
      of: "```swift exercise run-steps", with: "```swift")
    let outcomes = try Self.check(text)
    #expect(outcomes[0].status == .passed)
    #expect(outcomes[1].missing)
    #expect(outcomes[1].status == .failed(check: "run-steps-count", message: "expected 3 states, got 0"))
  }

  /// A starter that already passes its checks is an error at its line; the fixture's
  /// stubs pass none.
  @Test func aStarterMustFailOneOfItsChecks() throws {
    let runner = PracticeRunner(course: Shared.runner, seconds: 20)
    #expect(runner.starterProblems(Self.course, reference: Self.reference).isEmpty)
    let solved = try String(contentsOf: Paths.fixtures.appendingPathComponent("practice.md"), encoding: .utf8)
      .replacingOccurrences(of: "  // your code here\n  return 0\n", with: "  tanh(0.5 * x + 0.8 * h)\n")
    let lesson = Markup.lesson(solved, path: Self.course.path)
    let problems = runner.starterProblems(lesson, reference: Shared.runner.run(lesson))
    #expect(problems.map(\.line) == [18])
    #expect(problems.first?.message.hasPrefix("the starter of exercise step passes all 4 of its checks") == true)
  }
}

/// Grading a class: every submission in the strict sandbox, out of sight of the others
/// and of the lesson's source; grades.csv and feedback pages with nothing hidden.
@Suite struct GraderTests {
  @Test func aClassIsGradedWithoutLeaksBetweenSubmissions() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    try withTemporaryFolder { folder in
      let submissions = folder.appendingPathComponent("submissions")
      let output = folder.appendingPathComponent("grades")
      try FileManager.default.createDirectory(
        at: submissions.appendingPathComponent("carol"), withIntermediateDirectories: true)
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
      let course = PracticeTests.course
      let correct = PracticeTests.attempt("  return tanh(0.5 * x + 0.8 * h)\n")
      // A snoop: reads another submission and the lesson, writes outside its folder.
      let snoop = PracticeTests.attempt(
        """
          if x == 1 && h == 0 {
            print("another's work: \\(FileManager.default.contents(atPath: "\(submissions.path)/alice.md") != nil)")
            print("the lesson: \\(FileManager.default.contents(atPath: "\(course.path)") != nil)")
            print("wrote outside: \\(FileManager.default.createFile(atPath: "\(submissions.path)/mark", contents: nil))")
          }
          return tanh(0.5 * x + 0.8 * h)

        """)
      try correct.write(to: submissions.appendingPathComponent("alice.md"), atomically: true, encoding: .utf8)
      try snoop.write(to: submissions.appendingPathComponent("bob.md"), atomically: true, encoding: .utf8)
      try PracticeTests.attempt("  return 0.5 * x\n").write(
        to: submissions.appendingPathComponent("carol/practice.md"), atomically: true, encoding: .utf8)
      let found = try Grader.submissions(in: submissions, lesson: course)
      #expect(found.map(\.student) == ["alice", "bob", "carol"])
      let runner = PracticeRunner(
        course: Shared.runner, seconds: 20, hiddenFolders: [submissions.path, output.path])
      let graded = Grader(runner: runner, lesson: course).grade(found, reference: PracticeTests.reference, jobs: 2) {
        _ in
      }
      let csv = Grader.csv(graded)
      #expect(
        csv == """
          student,exercise,checks passed,checks total,status
          alice,step,4,4,passed
          alice,run-steps,2,2,passed
          bob,step,4,4,passed
          bob,run-steps,2,2,passed
          carol,step,1,4,failed
          carol,run-steps,2,2,passed

          """)
      #expect(graded[1].outcomes[0].printed == "another's work: false\nthe lesson: false\nwrote outside: false\n")
      #expect(!FileManager.default.fileExists(atPath: submissions.appendingPathComponent("mark").path))
      for student in graded {
        let page = Grader.feedback(student, lesson: course)
        for secret in ["HIDDEN-SOURCE-TEXT", "HIDDEN-MESSAGE-TEXT", "tanh(-1 + 0.24)"] {
          #expect(!page.contains(secret), "\(secret) in \(student.submission.student)'s feedback")
        }
      }
      let carol = Grader.feedback(graded[2], lesson: course)
      #expect(carol.contains("failed: <code>step-at-1-0</code> — expected 0.462117, got 0.500000"))
      #expect(Grader.pageName(for: "../eve smith") == "___eve_smith.html")
    }
  }

  /// Attempts graded at once cannot read each other's compiled programs.
  @Test func attemptsRunningTogetherCannotReadEachOthersPrograms() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    try withTemporaryFolder { folder in
      let strict = Shared.runner.cache.appendingPathComponent("strict").path
      // The sleeper holds its folder while the snoop looks for other programs.
      let sleeper = PracticeTests.attempt(
        "  if x == 1 && h == 0 { Thread.sleep(forTimeInterval: 6) }\n  return tanh(0.5 * x + 0.8 * h)\n")
      let snoop = PracticeTests.attempt(
        """
          if x == 1 && h == 0 {
            let own = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).lastPathComponent
            var read = 0
            for _ in 0..<20 {
              let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(strict)")) ?? []
              read = names.filter { $0 != own && FileManager.default.contents(atPath: "\(strict)/" + $0 + "/.program") != nil }.count
              if read > 0 { break }
              Thread.sleep(forTimeInterval: 0.25)
            }
            print("other programs read: \\(read)")
          }
          return tanh(0.5 * x + 0.8 * h)

        """)
      try sleeper.write(to: folder.appendingPathComponent("a-sleeper.md"), atomically: true, encoding: .utf8)
      try snoop.write(to: folder.appendingPathComponent("b-snoop.md"), atomically: true, encoding: .utf8)
      let course = PracticeTests.course
      let runner = PracticeRunner(course: Shared.runner, seconds: 30, hiddenFolders: [folder.path])
      let graded = Grader(runner: runner, lesson: course).grade(
        try Grader.submissions(in: folder, lesson: course), reference: PracticeTests.reference, jobs: 2
      ) { _ in }
      #expect(graded.map { $0.outcomes[0].status } == [.passed, .passed])
      #expect(graded[1].outcomes[0].printed.hasPrefix("other programs read: 0\n"))
    }
  }

  @Test func feedbackSaysWhichChecksDidNotRun() {
    let outcome = ExerciseOutcome(
      exercise: "step", status: .timedOut(seconds: 3), passed: 0, total: 2,
      visibleChecks: [CheckResult(name: "a", passed: false, message: Assessment.didNotRun)], printed: "")
    let page = Grader.feedback(
      Grader.Graded(submission: .init(student: "eve", file: nil), outcomes: [outcome]), lesson: PracticeTests.course)
    #expect(page.contains("<li>did not run: <code>a</code></li>"))
    #expect(page.contains("timed out after 3 s"))
  }

  @Test func spreadsheetFormulasAndCommasAreQuoted() {
    let outcome = ExerciseOutcome(exercise: "a,b", status: .passed, passed: 1, total: 1, visibleChecks: [], printed: "")
    let graded = Grader.Graded(submission: .init(student: "=SUM(A1)", file: nil), outcomes: [outcome])
    #expect(Grader.csv([graded]).split(separator: "\n")[1] == "'=SUM(A1),\"a,b\",1,1,passed")
  }
}

/// What the compiler says about a hidden check is not passed on: it may quote the check.
@Suite struct HiddenCompileErrorTests {
  @Test func aHiddenCheckThatDoesNotCompileIsNotQuoted() throws {
    // A course whose hidden check calls `step` with a labelled third argument, which the
    // learner's `step` (and the visible checks) do not have.
    let source = PracticeTests.course.source.replacingOccurrences(
      of: "step(-2, 0.3), tanh(-1 + 0.24)", with: "step(-2, 0.3, scale: 1), tanh(-1 + 0.24)")
    var course = Markup.lesson(source, path: PracticeTests.course.path)
    course.source = source
    let learner = Markup.lesson(PracticeTests.attempt("  return tanh(0.5 * x + 0.8 * h)\n"), path: "mine.md")
    let attempt = try Attempt(course: course, code: Attempt.exercises(in: learner), file: "mine.md")
    let outcomes = Assessment.outcomes(
      of: attempt, run: Shared.runner.run(attempt.lesson), reference: PracticeTests.reference)
    #expect(
      outcomes[0].status
        == .notRun(
          "a hidden check of exercise step does not compile with your code (are the names and types the starter's?)"))
    #expect(!outcomes[0].sentence.contains("scale"))
  }
}

/// An attempt that runs out of memory is stopped and credited with nothing.
@Suite struct OutOfMemoryAttemptTests {
  @Test func anAttemptThatRunsOutOfMemoryGetsNoCredit() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    var limits = Shared.runner.limits
    limits.memoryLimit = 256 << 20
    let runner = PracticeRunner(course: Shared.runner.with(limits), seconds: 30)
    let text = PracticeTests.attempt(
      """
        var hoard: [[Double]] = []
        while true { hoard.append([Double](repeating: x, count: 1 << 20)) }

      """)
    let outcomes = try runner.check(
      text: text, file: "mine.md", course: PracticeTests.course, reference: try runner.reference(PracticeTests.course)
    ).outcomes
    #expect(outcomes[0].status == .outOfMemory(limit: 256 << 20))
    #expect(outcomes.map(\.passed) == [0, 0])
    #expect(outcomes[0].sentence.hasPrefix("ran out of memory (the limit is 256 MiB)"))
  }
}
