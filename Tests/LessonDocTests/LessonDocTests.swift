import Foundation
import LessonKit
import Testing

/// Every lesson in `Lessons/` as a doc-test: its cells must run, and each `output` block
/// must match what its cell prints. One test case per lesson file.
@Suite struct LessonDocTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// Lessons are named as `unrolled` names them, relative to the repository's root, so
  /// the doc-tests and `unrolled build` share cached runs.
  static let lessonFiles: [String] = {
    let names = try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Lessons").path)
    return (names ?? []).filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted()
  }()
  static let runner: LessonRunner = try! Course.runner(root: root, limits: RunLimits())

  @Test func thereAreLessons() {
    #expect(Self.lessonFiles.count >= 14)
  }

  @Test(arguments: lessonFiles)
  func lesson(_ name: String) {
    let lesson = Course.load("Lessons/\(name)", relativeTo: Self.root)
    let run = Self.runner.run(lesson)
    let failures = DocTest.failures(lesson, run)
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    // Each starter must fail one of its checks, as `unrolled test` demands.
    guard failures.isEmpty, !lesson.exercises.isEmpty else { return }
    let starters = PracticeRunner(course: Self.runner, seconds: 120).starterProblems(lesson, reference: run)
    #expect(starters.isEmpty, "\(starters.map(\.description).joined(separator: "\n"))")
  }
}
