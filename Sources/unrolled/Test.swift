import ArgumentParser
import Foundation
import LessonKit

/// `unrolled test`: lessons as doc-tests.
struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run lessons as doc-tests: each `output` block must match what its cell prints.")

  @OptionGroup var course: CourseOptions

  @Flag(help: "Write what each cell printed into its `output` block instead of comparing.")
  var bless = false

  @Argument(
    help: "Lesson files or names (default: all). A name such as 07 means both editions; a translation's file, its own.")
  var lessonNames: [String] = []

  func run() throws {
    let runner = try exitOnSetupFailure { try course.makeRunner() }
    let ran = try exitOnSetupFailure { try course.run(only: lessonNames, runner: runner, translations: true) }
    // Each exercise's starter must fail one of its checks, or the checks prove nothing.
    // A translation's starters are its original's (same code), so they are tried once.
    let practice = PracticeRunner(course: runner, seconds: course.timeout)
    let originals = ran.filter { $0.lesson.edition == .english }
    let checked =
      bless
      ? ran : practice.checkingStarters(of: originals, jobs: course.jobs) + ran.filter { $0.lesson.edition != .english }
    // A translation named on its own brings its English lesson, which runs as its
    // reference (and is tested) but is not blessed: only what was named is rewritten.
    let named = try exitOnSetupFailure { try course.editionPaths(lessonNames) }
    let blessable = Set(named.lessons + named.translations)
    var failures = 0
    var blessed = 0
    for lesson in checked {
      if bless {
        guard blessable.contains(lesson.lesson.path) else { continue }
        blessed += 1
        guard let data = FileManager.default.contents(atPath: lesson.lesson.path) else { continue }
        let text = String(decoding: data, as: UTF8.self)
        let blessed = DocTest.bless(text, lesson: lesson.lesson, run: lesson.run)
        if blessed != text {
          try Data(blessed.utf8).write(to: URL(fileURLWithPath: lesson.lesson.path))
          print("blessed \(lesson.lesson.path)")
        }
        continue
      }
      failures += lesson.failures.count
      course.report(lesson.failures)
    }
    if bless {
      print("blessed: output blocks of \(blessed) lessons now hold what their cells print")
      return
    }
    let passed = checked.filter { $0.failures.isEmpty }.count
    print("\(passed) passed, \(ran.count - passed) failed")
    if failures > 0 && !bless { throw ExitCode(1) }
  }
}
