import Foundation
import LessonKit
import Testing

/// What the README promises of every lesson: at least one plot, and two or more
/// exercises with tested solutions. Read from the lesson files, without running them
/// (the doc-tests run them).
@Suite struct CourseContentTests {
  static let lessons: [String] = {
    let folder = Paths.root.appendingPathComponent("Lessons").path
    return ((try? Course.lessonFiles(in: folder)) ?? []).map { String($0.split(separator: "/").last!) }
  }()

  static func load(_ name: String) -> Lesson {
    Course.load(Paths.root.appendingPathComponent("Lessons/\(name)").path)
  }

  @Test func theCourseHasItsLessons() {
    #expect(Self.lessons.count >= 14)
  }

  /// A plot is a display a cell shows: a cell that runs and calls `show(`.
  @Test(arguments: lessons) func everyLessonHasAPlot(name: String) {
    let shows = Self.load(name).cells.filter { $0.runs && $0.code.contains("show(") }
    #expect(!shows.isEmpty, "\(name) shows nothing: add a plot (a cell that calls show(_:))")
  }

  /// Solutions are `swift solution` cells: run, tested, shown folded.
  @Test(arguments: lessons) func everyLessonHasTwoSolvedExercises(name: String) {
    let solutions = Self.load(name).cells.filter { $0.mode == .solution }
    #expect(solutions.count >= 2, "\(name) has \(solutions.count) `swift solution` cells, fewer than two")
  }

  /// From lesson 2 on, an exercise to write, with visible and hidden checks.
  @Test(arguments: lessons.filter { !$0.hasPrefix("01-") }) func everyLessonFromTwoHasAnExerciseToWrite(name: String) {
    let exercises = Self.load(name).exercises
    #expect(!exercises.isEmpty, "\(name) has no `swift exercise NAME` cell")
    for exercise in exercises {
      #expect(exercise.checks.contains { !$0.hidden }, "\(name): exercise \(exercise.name) has no visible check")
      #expect(exercise.checks.contains { $0.hidden }, "\(name): exercise \(exercise.name) has no hidden check")
    }
  }
}
