import Foundation
import LessonKit

/// The repository's root and fixtures, found from this file's path.
enum Paths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}

/// One runner for all tests: the RNN library is compiled once.
enum Shared {
  static let runner: LessonRunner = {
    var limits = RunLimits()
    limits.timeLimit = 60
    limits.slowTypeCheckMilliseconds = 200  // the slow fixture takes seconds: a wide margin
    return try! Course.runner(root: Paths.root, limits: limits)
  }()

  /// Copies a fixture into a fresh folder (so bless and caching can touch it) and runs it.
  static func run(_ name: String) throws -> (ran: RanLesson, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try FileManager.default.copyItem(atPath: Paths.fixtures.appendingPathComponent(name).path, toPath: path)
    let lesson = Course.load(path)
    return (RanLesson(lesson: lesson, run: runner.run(lesson)), path)
  }
}

extension RanLesson {
  /// The words of cell `index`'s failure, as a page shows them.
  func error(_ index: Int) -> String? { diagnostic(forCell: index)?.description }
}
