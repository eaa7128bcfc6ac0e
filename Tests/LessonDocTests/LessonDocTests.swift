import Foundation
import LessonKit
import Testing

/// Every lesson in `Lessons/` as a doc-test: its cells must run, and each `output` block
/// must match what its cell prints. One test case per lesson file.
@Suite struct LessonDocTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// Lessons are named as `unrolled` names them, relative to the repository's root (which
  /// is also where they read their data from), so the doc-tests and `unrolled build`
  /// share cached runs.
  static let lessonFiles: [String] = {
    FileManager.default.changeCurrentDirectoryPath(root.path)
    return (try? Course.lessonFiles(in: "Lessons")) ?? []
  }()
  static let runner: LessonRunner = try! Course.runner(root: root, limits: RunLimits())

  @Test func thereAreLessons() {
    #expect(!Self.lessonFiles.isEmpty)
  }

  @Test(arguments: lessonFiles.map { ($0 as NSString).lastPathComponent })
  func lesson(_ name: String) {
    let lesson = Course.load("Lessons/\(name)")
    let failures = DocTest.failures(lesson, Self.runner.run(lesson))
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
  }
}
