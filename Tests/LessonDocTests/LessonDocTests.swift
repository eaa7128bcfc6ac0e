import Foundation
import LessonKit
import Testing

/// Every lesson in `Lessons/` as a doc-test: its cells must run, and each `output` block
/// must match what its cell prints. One test case per lesson file.
@Suite struct LessonDocTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let lessonFiles: [String] = (try? Course.lessonFiles(in: root.appendingPathComponent("Lessons").path)) ?? []
  static let runner: LessonRunner = try! Course.runner(root: root, limits: RunLimits())

  @Test func thereAreLessons() {
    #expect(!Self.lessonFiles.isEmpty)
  }

  @Test(arguments: lessonFiles.map { ($0 as NSString).lastPathComponent })
  func lesson(_ name: String) {
    let lesson = Course.load(Self.root.appendingPathComponent("Lessons/\(name)").path)
    let failures = DocTest.failures(lesson, Self.runner.run(lesson))
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
  }
}
