import Foundation

/// The course: every lesson file of a folder, in reading order.
public enum Course {
  /// The `.md` files directly in `folder` (not its subfolders), sorted by name; paths are
  /// given as `folder/name.md` so messages name them as the user wrote the folder.
  public static func lessonFiles(in folder: String) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }.sorted().map { prefix + $0 }
  }

  /// Reads a lesson file; an unreadable one becomes a lesson with a diagnostic. A
  /// relative `path` is read from `base` (the working directory by default) and kept
  /// as given, for messages.
  public static func load(_ path: String, relativeTo base: URL? = nil) -> Lesson {
    let file = base.map { path.hasPrefix("/") ? path : $0.appendingPathComponent(path).path } ?? path
    guard let data = FileManager.default.contents(atPath: file) else {
      return Lesson(
        path: path, slug: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
        title: path, summary: "", blocks: [],
        diagnostics: [Diagnostic(file: path, line: 1, message: "cannot read this file")], timeLimit: nil)
    }
    return LessonParser.parse(String(decoding: data, as: UTF8.self), path: path)
  }

  /// A runner for this repository: finds swiftc, builds the RNN library and the sandbox
  /// for lessons. Relative lesson paths are taken from `root`.
  public static func runner(root: URL, limits: RunLimits) throws -> LessonRunner {
    let cache = root.appendingPathComponent(".build/unrolled-cache")
    do {
      try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
    } catch {
      throw SetupError("cannot create \(cache.path): \(error.localizedDescription)")
    }
    let toolchain = try Toolchain.find(scratch: cache)
    FileHashes.folder = cache.appendingPathComponent("file-hashes")
    SwiftHighlighter.memo = DiskMemo(
      folder: cache.appendingPathComponent("highlighted"),
      version: sourceHash(root, ["Sources/LessonKit/Page/SwiftHighlighter.swift", "Package.swift"]))
    CodeTokens.memo = DiskMemo(
      folder: cache.appendingPathComponent("code-tokens"),
      version: sourceHash(root, ["Sources/LessonKit/Translation/CodeTokens.swift", "Package.swift"]))
    let library = try LibraryBuilder.build(
      sources: root.appendingPathComponent("Sources/RNN"), cache: cache, toolchain: toolchain)
    let sandbox = try Sandbox.build(
      sources: root.appendingPathComponent("Sources/Sandbox"), cache: cache, toolchain: toolchain)
    return LessonRunner(
      toolchain: toolchain, library: library, sandbox: sandbox, root: root, cache: cache, limits: limits,
      engineVersion: engineVersion(root: root, sandbox: sandbox))
  }

  /// A hash of the named files under `root` (a file that cannot be read counts as
  /// empty).
  static func sourceHash(_ root: URL, _ files: [String]) -> String {
    SHA256.hex(
      files.map { $0 + "\n" + ((try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) ?? "") }
        .joined(separator: "\n"))
  }

  /// A hash of the code that turns a lesson into results (the program's prelude, the
  /// runner, the sandbox), read from the repository's sources: an edit to any of them
  /// makes every cached run stale, and nothing is bumped by hand.
  static func engineVersion(root: URL, sandbox: Sandbox) -> String {
    var text = "sandbox \(sandbox.hash)\n"
    for folder in ["Program", "Run"] {
      let sources = root.appendingPathComponent("Sources/LessonKit/\(folder)")
      for file in (try? CachedBuild.swiftFiles(under: sources)) ?? [] {
        text += file.lastPathComponent + "\n" + ((try? String(contentsOf: file, encoding: .utf8)) ?? "") + "\n"
      }
    }
    return SHA256.hex(text)
  }

  /// Runs `lessons` with at most `jobs` at once, calling `progress` as each finishes,
  /// and returns them in their original order.
  public static func run(
    _ lessons: [Lesson], with runner: LessonRunner, jobs: Int,
    progress: @escaping @Sendable (RanLesson) -> Void
  ) -> [RanLesson] {
    parallelMap(lessons, jobs: jobs, done: progress) { lesson in RanLesson(lesson: lesson, run: runner.run(lesson)) }
  }
}
