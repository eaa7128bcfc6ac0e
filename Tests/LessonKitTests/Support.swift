import Foundation
import LessonKit

/// The repository's root and fixtures, found from this file's path.
enum Paths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The `unrolled` that `swift build` and `swift test` put beside this test bundle:
  /// the test runner (`UnrolledPackageTests.xctest`, the process's own executable) and
  /// the products are in the same folder, `.build/<triple>/debug`.
  static let unrolledExecutable: URL? = {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let candidates = [folder.appendingPathComponent("unrolled"), root.appendingPathComponent(".build/debug/unrolled")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()
}

/// A fresh folder under the system's temporary folder, deleted with everything in it
/// when the value is released: `let temporary = try TemporaryFolder()`, then use
/// `temporary.url` for as long as `temporary` is in scope.
final class TemporaryFolder {
  /// The folder.
  let url: URL

  /// Creates an empty folder named after `label` and a random suffix.
  init(_ label: String = "unrolled-test") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// A path inside the folder.
  func callAsFunction(_ name: String) -> URL { url.appendingPathComponent(name) }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh, empty folder of its own under the system's temporary
/// folder, and removes the folder and everything in it when `body` returns or throws.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
  let folder = try TemporaryFolder()
  return try withExtendedLifetime(folder) { try body(folder.url) }
}

/// A fresh, empty folder under the system's temporary folder that outlives the test
/// that made it (a server may still be serving it), removed with everything in it when
/// the test process exits.
func lastingTemporaryFolder(_ label: String) throws -> URL {
  let folder = try TemporaryFolder(label)
  LastingFolders.shared.keep(folder)
  return folder.url
}

/// The folders ``lastingTemporaryFolder(_:)`` made, released when the process exits.
final class LastingFolders: @unchecked Sendable {
  static let shared = LastingFolders()
  private let lock = NSLock()
  private var folders: [TemporaryFolder] = []

  private init() {
    atexit { LastingFolders.shared.releaseAll() }
  }

  func keep(_ folder: TemporaryFolder) { lock.withLock { folders.append(folder) } }

  func releaseAll() { lock.withLock { folders.removeAll() } }
}

/// One runner for all tests: the RNN library is compiled once.
enum Shared {
  static let runner: LessonRunner = {
    var limits = RunLimits()
    limits.timeLimit = 60
    limits.slowTypeCheckMilliseconds = 200  // the slow fixture takes seconds: a wide margin
    return try! Course.runner(root: Paths.root, limits: limits)
  }()

  /// What the sandbox can do here: tests of promises that need namespaces say so.
  static let capabilities = try! runner.sandboxCapabilities()

  /// Copies a fixture into `folder` (so bless and caching can touch it), with
  /// `replacing`'s words replaced and `files` beside it, and runs it.
  static func run(
    _ name: String, in folder: URL, runner: LessonRunner = runner, replacing: [String: String] = [:],
    files: [String: String] = [:]
  ) throws -> (ran: RanLesson, path: String) {
    let path = folder.appendingPathComponent(name).path
    var text = try String(contentsOf: Paths.fixtures.appendingPathComponent(name), encoding: .utf8)
    for (word, replacement) in replacing { text = text.replacingOccurrences(of: word, with: replacement) }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    for (file, contents) in files {
      let url = folder.appendingPathComponent(file)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try contents.write(to: url, atomically: true, encoding: .utf8)
    }
    let lesson = Course.load(path)
    return (RanLesson(lesson: lesson, run: runner.run(lesson)), path)
  }

  /// Copies a fixture into a folder of its own and runs it. The folders live under one
  /// folder per test process, removed when the process ends; tests that can hold the
  /// folder for their whole body use `withTemporaryFolder` and `run(_:in:)` instead.
  static func run(
    _ name: String, runner: LessonRunner = runner, replacing: [String: String] = [:], files: [String: String] = [:]
  ) throws -> (ran: RanLesson, path: String) {
    let folder = scratch.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try run(name, in: folder, runner: runner, replacing: replacing, files: files)
  }

  /// The folder `run(_:)` copies fixtures into, removed at exit.
  private static let scratch: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-tests-\(getpid())")
    atexit { try? FileManager.default.removeItem(at: Shared.scratch) }
    return folder
  }()
}

extension Shared {
  /// Writes `text` over the lesson file at `path` (a copy the test owns), then parses and
  /// runs it again: the second half of every bless test.
  static func rerun(_ text: String, at path: String) throws -> RanLesson {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let lesson = Course.load(path)
    return RanLesson(lesson: lesson, run: runner.run(lesson))
  }
}

extension RanLesson {
  /// The words of cell `index`'s failure, as a page shows them.
  func error(_ index: Int) -> String? { diagnostic(forCell: index)?.description }
}

/// `text` escaped as the pages escape text.
func escapeForTest(_ text: String) -> String {
  text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
