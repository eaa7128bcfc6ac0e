import Foundation
import LessonKit
import Testing

/// The fences of named exercises: how they parse, what the course runs, what pages show.
@Suite struct ExerciseFormatTests {
  @Test func namedFencesParse() throws {
    let lesson = Markup.lesson(try Markup.fixture("practice.md"))
    #expect(lesson.diagnostics.isEmpty, "\(lesson.diagnostics)")
    let exercises = lesson.exercises
    #expect(exercises.map(\.name) == ["step", "run-steps"])
    let step = try #require(exercises.first)
    #expect(step.starter.mode == .exercise && !step.starter.runs)
    #expect(step.solution?.mode == .solution && step.solution?.exercise == "step")
    #expect(step.checks.map(\.hidden) == [false, true])
    #expect(step.starter.closingLine == step.starter.fenceLine + 5)
  }

  /// Each misuse is reported at its fence's line, and a bare `swift solution` is still
  /// an exercise's folded solution.
  @Test func misusedNamesAreDiagnosedAtTheirLines() throws {
    let lesson = Markup.lesson(try Markup.fixture("practice-bad-names.md"), path: "Lessons/b.md")
    let found = lesson.diagnostics.sorted { $0.line < $1.line }.map { "\($0.line): \($0.message)" }
    #expect(lesson.diagnostics.map(\.line).sorted() == [7, 15, 19, 23, 27], "\(found)")
    #expect(found[0].contains("exercise alpha is already defined on line 3"))
    #expect(found[1].contains("solution for an unknown exercise 'beta'"))
    #expect(found[2].contains("check for an unknown exercise 'gamma'"))
    #expect(found[3].contains("exercise delta has no solution"))
    #expect(found[4].contains("unexpected words after `swift check delta`"))
    let bare = try #require(lesson.cells.last)
    #expect(bare.mode == .solution && bare.exercise == nil && bare.runs)
  }

  @Test func aSolutionBeforeItsExerciseAndBadNamesAreDiagnosed() {
    let early = Markup.lesson("# E\n\n```swift solution s\nlet x = 1\n```\n\n```swift exercise s\nlet x = 0\n```\n")
    #expect(early.diagnostics.map(\.line) == [3])
    #expect(early.diagnostics.first?.message.contains("comes before the exercise (line 7)") == true)
    let badName = Markup.lesson("# E\n\n```swift exercise no/slash\nlet x = 0\n```\n")
    #expect(badName.diagnostics.first?.message.contains("not an exercise name") == true)
    let noName = Markup.lesson("# E\n\n```swift check\ncheck(\"a\", true)\n```\n")
    #expect(noName.diagnostics.first?.message.contains("needs the exercise's name") == true)
  }

  /// The course runs the solution where the starter stands, so its checks pass and the
  /// page shows what the solution printed; the starter itself never runs.
  @Test func theCourseRunsTheSolutionInTheStartersPlace() throws {
    let (ran, _) = try Shared.run("practice.md")
    #expect(ran.failures.isEmpty, "\(ran.failures)")
    let lesson = ran.lesson
    let step = try #require(lesson.exercises.first)
    #expect(ran.run.cells[step.starter.index] == nil)
    #expect(ran.run.cells[step.solution!.index]?.output == "step(1, 0) = 0.4621\n")
    #expect(ran.run.cells[step.checks[0].index]?.checks.map(\.name) == ["step-at-1-0", "step-at-0-1"])
    #expect(ran.run.cells[step.checks[1].index]?.checks.allSatisfy(\.passed) == true)
  }

  /// A check the reference solution fails is a doc-test failure at the check cell.
  @Test func aCheckTheSolutionFailsFailsTheLesson() throws {
    let (ran, _) = try Shared.run("practice.md", replacing: ["tanh(-1 + 0.24)": "tanh(-1 + 0.25)"])
    let failure = try #require(ran.failures.first)
    #expect(ran.failures.count == 1)
    #expect(failure.message.hasPrefix("check step-negative of exercise step fails with the reference solution"))
    #expect(failure.line == 31)
  }

  /// Pages: the starter as the task, the visible checks with their results, the
  /// solution folded; nothing of a hidden check.
  @Test func pagesShowTheTaskAndFoldTheSolutionAndNeverAHiddenCheck() throws {
    let (ran, _) = try Shared.run("practice.md")
    let page = PageRenderer.page(ran, previous: nil, next: nil)
    #expect(page.contains("<div class=\"cell exercise static\">"))
    #expect(page.contains("<p class=\"exercise-label\">Exercise <code>step</code>"))
    #expect(page.contains("<li>passes: step-at-1-0</li>"))
    #expect(page.contains("<details class=\"solution\"><summary>Show solution</summary>"))
    for secret in ["HIDDEN-SOURCE-TEXT", "HIDDEN-MESSAGE-TEXT", "step-negative", "step-odd"] {
      #expect(!page.contains(secret), "\(secret) is on the page")
    }
    // The starter comes before the visible check, which comes before the solution.
    let starter = try #require(page.range(of: "exercise-label")?.lowerBound)
    let check = try #require(page.range(of: "step-at-1-0")?.lowerBound)
    let solution = try #require(page.range(of: "Show solution")?.lowerBound)
    #expect(starter < check && check < solution)
  }

  /// A student's handout has the starters with room to write and no solution; the
  /// answer key has the solutions open and the hidden checks, marked.
  @Test func handoutsForStudentsAndTheKey() throws {
    let (ran, _) = try Shared.run("practice.md")
    let student = PageRenderer.page(ran, previous: nil, next: nil, audience: .student)
    #expect(student.contains("<div class=\"answer-space\""))
    #expect(student.contains("step-at-1-0"))
    for gone in ["Show solution", "weights.wxh * x", "HIDDEN-SOURCE-TEXT", "HIDDEN-MESSAGE-TEXT", "step-negative"] {
      #expect(!student.contains(gone), "\(gone) is in the student's handout")
    }
    let key = PageRenderer.page(ran, previous: nil, next: nil, audience: .key)
    #expect(key.contains("<details class=\"solution\" open>"))
    #expect(key.contains("HIDDEN-SOURCE-TEXT") && key.contains("Hidden check of <code>step</code>"))
    #expect(!key.contains("answer-space"))
  }
}
