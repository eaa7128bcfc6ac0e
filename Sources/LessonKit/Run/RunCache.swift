import Foundation

/// Lesson runs kept on disk, keyed by everything that can change what a run prints:
/// the engine, the compiler, the RNN library, the program, the limits, and the data
/// files the lesson reads.
struct RunCache: Sendable {
  /// The folder of `runs/KEY.json`.
  let folder: URL

  /// The parts of a key.
  struct Key {
    /// The engine's version: a hash of the runner's and the sandbox's code.
    var engine: String
    /// The compiler's version line.
    var toolchain: String
    /// The library's hash.
    var library: String
    /// The program's source.
    var source: String
    /// The limits the lesson runs under.
    var limits: RunLimits
    /// Each data file the lesson reads, as `path` and a hash of its bytes.
    var dataFiles: [(path: String, hash: String)]

    /// The key as a hex digest.
    var digest: String {
      SHA256.hex(
        [
          engine, toolchain, library, source, limits.keyText,
          dataFiles.map { "\($0.path) \($0.hash)" }.joined(separator: "\n"),
        ].joined(separator: "\u{0}"))
    }
  }

  /// The run stored under `key`, marked as cached.
  func load(_ key: String) -> LessonRun? {
    guard let data = try? Data(contentsOf: file(key)), var run = try? JSONDecoder().decode(LessonRun.self, from: data)
    else { return nil }
    run.cached = true
    run.seconds = 0
    return run
  }

  /// Keeps `run` under `key`, unless it failed in a way that depends on the machine.
  func store(_ run: LessonRun, under key: String) {
    guard run.cacheable, let data = try? JSONEncoder().encode(run) else { return }
    let target = file(key)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = target.appendingPathExtension("tmp-\(UUID().uuidString)")
    if (try? data.write(to: temporary)) != nil {
      if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }
  }

  private func file(_ key: String) -> URL { folder.appendingPathComponent("\(key).json") }
}

/// The files beside a course's lessons that lessons read (`data/tinyshakespeare.txt`),
/// and which lesson reads which.
///
/// A lesson reads a data file when the file's path, relative to the lessons folder (the
/// lesson's working directory), appears in its code; it may also name files in
/// `<!-- unrolled: reads=PATH -->`. Only those files are part of its cache key, so
/// editing a data file runs again exactly the lessons that read it.
struct DataFiles: Sendable {
  /// Relative path to the file's URL, for every file under the folder that is not a
  /// lesson (`.md`) and not hidden.
  let files: [String: URL]

  /// The data files under `folder`.
  init(folder: URL) {
    var files: [String: URL] = [:]
    let base = folder.standardizedFileURL.path
    if let enumerator = FileManager.default.enumerator(
      at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    {
      for case let url as URL in enumerator where url.pathExtension != "md" {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { continue }
        files[String(path.dropFirst(base.count + 1))] = url
      }
    }
    self.files = files
  }

  /// The data files `source` names, with a hash of each, in a fixed order.
  func read(by source: String, declared: [String] = []) -> [(path: String, hash: String)] {
    files.keys.filter { source.contains($0) || declared.contains($0) }.sorted().map { path in
      (path, FileHashes.shared.hash(of: files[path]!))
    }
  }
}

/// Hashes of files' bytes, remembered by path, size, modification time and inode: in
/// memory for the life of the process, and on disk in the cache, so an unchanged course
/// does not hash its data again on every build.
final class FileHashes: @unchecked Sendable {
  /// Where hashes are remembered between processes (set by the runner; `nil` keeps
  /// them in memory only).
  nonisolated(unsafe) static var folder: URL?
  /// The one table.
  static let shared = FileHashes()
  private var known: [String: (stamp: String, hash: String)] = [:]
  private let lock = NSLock()

  /// The SHA-256 of the file's bytes ("missing" if it cannot be read).
  func hash(of url: URL) -> String {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return "missing" }
    let stamp = "\(url.path)\n\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
    lock.lock()
    if let entry = known[url.path], entry.stamp == stamp {
      lock.unlock()
      return entry.hash
    }
    lock.unlock()
    let remembered = Self.folder?.appendingPathComponent(SHA256.hex(stamp))
    if let remembered, let text = try? String(contentsOf: remembered, encoding: .utf8), text.count == 64 {
      return remember(url, stamp, text)
    }
    let hash = (try? Data(contentsOf: url)).map { SHA256.hex([UInt8]($0)) } ?? "missing"
    if let remembered, hash != "missing" {
      try? FileManager.default.createDirectory(
        at: remembered.deletingLastPathComponent(), withIntermediateDirectories: true)
      let temporary = remembered.appendingPathExtension("tmp-\(UUID().uuidString)")
      if (try? hash.write(to: temporary, atomically: false, encoding: .utf8)) != nil {
        if rename(temporary.path, remembered.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
      }
    }
    return remember(url, stamp, hash)
  }

  private func remember(_ url: URL, _ stamp: String, _ hash: String) -> String {
    lock.lock()
    known[url.path] = (stamp, hash)
    lock.unlock()
    return hash
  }
}
