import Foundation
import LessonKit

/// The repository's root and fixtures, found from this file's path.
enum Paths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}

/// Runs `body` with a fresh, empty folder of its own under the system's temporary
/// folder, and removes the folder and everything in it when `body` returns or throws.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  return try body(folder)
}

/// One runner for all tests: the RNN library is compiled once.
enum Shared {
  static let runner: LessonRunner = {
    var limits = RunLimits()
    limits.timeLimit = 60
    limits.slowTypeCheckMilliseconds = 200  // the slow fixture takes seconds: a wide margin
    return try! Course.runner(root: Paths.root, limits: limits)
  }()

  /// Copies a fixture into `folder` (so bless and caching can touch it) and runs it.
  static func run(_ name: String, in folder: URL) throws -> (ran: RanLesson, path: String) {
    let path = folder.appendingPathComponent(name).path
    try FileManager.default.copyItem(atPath: Paths.fixtures.appendingPathComponent(name).path, toPath: path)
    let lesson = Course.load(path)
    return (RanLesson(lesson: lesson, run: runner.run(lesson)), path)
  }

  /// Copies a fixture into a folder of its own and runs it. The folders live under one
  /// folder per test process, removed when the process ends; tests that can hold the
  /// folder for their whole body use `withTemporaryFolder` and `run(_:in:)` instead.
  static func run(_ name: String) throws -> (ran: RanLesson, path: String) {
    let folder = scratch.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try run(name, in: folder)
  }

  /// The folder `run(_:)` copies fixtures into, removed at exit.
  private static let scratch: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-tests-\(getpid())")
    atexit { try? FileManager.default.removeItem(at: Shared.scratch) }
    return folder
  }()
}
