import Foundation
import LessonKit
import Testing

/// Every lesson in `Lessons/` as a doc-test: its cells must run, and each `output` block
/// must match what its cell prints. One test case per lesson file.
@Suite struct LessonDocTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// Lessons are named as `unrolled` names them, relative to the repository's root, so
  /// the doc-tests and `unrolled build` share cached runs; translations are named by
  /// their edition's folder (`zh/07-….md`).
  static let lessonFiles: [String] = {
    let names = try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Lessons").path)
    let translations = Translations.files(in: root.appendingPathComponent("Lessons").path).map {
      "zh/" + ($0 as NSString).lastPathComponent
    }
    return (names ?? []).filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted() + translations
  }()
  static let runner: LessonRunner = try! Course.runner(root: root, limits: RunLimits())

  @Test func thereAreLessons() {
    #expect(Self.lessonFiles.count >= 14)
  }

  @Test(arguments: lessonFiles)
  func lesson(_ name: String) {
    if name.hasPrefix("zh/") {
      translation(name)
      return
    }
    let lesson = Course.load("Lessons/\(name)", relativeTo: Self.root)
    let run = Self.runner.run(lesson)
    let failures = DocTest.failures(lesson, run)
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    // Each starter must fail one of its checks, as `unrolled test` demands.
    guard failures.isEmpty, !lesson.exercises.isEmpty else { return }
    let starters = PracticeRunner(course: Self.runner, seconds: 120).starterProblems(lesson, reference: run)
    #expect(starters.isEmpty, "\(starters.map(\.description).joined(separator: "\n"))")
  }

  /// A translation as a doc-test: its own doc-test, and same code and same numbers
  /// against its English lesson (whose run it borrows when only comments differ).
  func translation(_ name: String) {
    let original = Course.load("Lessons/" + String(name.dropFirst(3)), relativeTo: Self.root)
    let lesson = Translations.load("Lessons/\(name)", relativeTo: Self.root)
    let ran = Course.run([original], translations: [lesson], with: Self.runner, jobs: 1) { _ in }
    let failures = ran.last?.failures ?? []
    #expect(ran.count == 2 && failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
  }
}
