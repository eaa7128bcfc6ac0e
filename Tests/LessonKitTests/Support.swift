import Foundation
import LessonKit

/// The repository's root and fixtures, found from this file's path.
enum Paths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The `unrolled` tool SwiftPM built beside this test bundle, if it did.
  static var unrolledExecutable: URL? {
    var folder = Bundle.main.bundleURL
    for _ in 0..<3 {
      let candidate = folder.appendingPathComponent("unrolled")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    let debug = root.appendingPathComponent(".build/debug/unrolled")
    return FileManager.default.isExecutableFile(atPath: debug.path) ? debug : nil
  }
}

/// A fresh folder under the system's temporary folder, removed when the value goes
/// away unless `keep` (for fixtures whose paths a test's results still name).
final class TemporaryFolder {
  let url: URL
  private let keep: Bool

  init(keep: Bool = false) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-test-\(UUID().uuidString)")
    self.keep = keep
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { if !keep { try? FileManager.default.removeItem(at: url) } }
}

/// One runner for all tests: the RNN library is compiled once.
enum Shared {
  static let runner: LessonRunner = {
    var limits = RunLimits()
    limits.timeLimit = 60
    limits.slowTypeCheckMilliseconds = 200  // the slow fixture takes seconds: a wide margin
    return try! Course.runner(root: Paths.root, limits: limits)
  }()

  /// Copies a fixture into a fresh folder (so bless and caching can touch it), with
  /// `replacing`'s words replaced and `files` beside it, and runs it. The folder lives
  /// as long as the test process, in the system's temporary folder.
  static func run(
    _ name: String, runner: LessonRunner = runner, replacing: [String: String] = [:], files: [String: String] = [:]
  ) throws -> (ran: RanLesson, path: String) {
    let folder = try TemporaryFolder(keep: true).url
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
}

extension RanLesson {
  /// The words of cell `index`'s failure, as a page shows them.
  func error(_ index: Int) -> String? { diagnostic(forCell: index)?.description }
}
