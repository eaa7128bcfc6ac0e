import Foundation

/// The RNN library compiled for lessons, always with optimisation, whatever
/// configuration built the tool: a lesson that trains for thousands of steps must not
/// wait on unoptimised matrix code.
public struct LibraryBuild: Sendable {
  /// The folder with `libRNN.so` and `RNN.swiftmodule`.
  public let directory: URL
  /// A hash of the library's sources, flags and compiler (part of every cache key).
  public let hash: String
}

/// Compiles `Sources/RNN` with `swiftc -O` into the cache, once per version of its
/// sources.
public enum LibraryBuilder {
  /// The flags that make the kernels fast; the same as Package.swift's `rnnSpeedFlags`.
  static let speedFlags = ["-Xcc", "-fno-math-errno", "-target-cpu", "native"]

  /// One build at a time within a process (test suites ask for the library at once).
  private static let lock = NSLock()

  /// Builds the library from the `.swift` files under `sources`, or finds it already
  /// built in `cache`. Safe to call from several threads and several processes.
  public static func build(sources: URL, cache: URL, toolchain: Toolchain) throws -> LibraryBuild {
    lock.lock()
    defer { lock.unlock() }
    return try buildAlone(sources: sources, cache: cache, toolchain: toolchain)
  }

  private static func buildAlone(sources: URL, cache: URL, toolchain: Toolchain) throws -> LibraryBuild {
    let files = try swiftFiles(under: sources)
    guard !files.isEmpty else {
      throw SetupError("no Swift files under \(sources.path): run unrolled from the repository's root")
    }
    var fingerprint = toolchain.version + "\n" + speedFlags.joined(separator: " ") + "\n"
    for file in files {
      fingerprint += file.path.dropFirst(sources.path.count) + "\n"
      fingerprint += (try String(contentsOf: file, encoding: .utf8)) + "\n"
    }
    let hash = SHA256.hex(fingerprint)
    let directory = cache.appendingPathComponent("lib-\(hash.prefix(16))")
    if FileManager.default.fileExists(atPath: directory.appendingPathComponent("libRNN.so").path) {
      return LibraryBuild(directory: directory, hash: hash)
    }
    let staging = cache.appendingPathComponent("lib-\(hash.prefix(16)).tmp-\(UUID().uuidString)")
    try? FileManager.default.removeItem(at: staging)
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    let arguments =
      [
        "swiftc", "-emit-library", "-emit-module", "-module-name", "RNN", "-parse-as-library", "-O",
        "-whole-module-optimization", "-swift-version", "6",
        "-emit-module-path", staging.appendingPathComponent("RNN.swiftmodule").path,
        "-o", staging.appendingPathComponent("libRNN.so").path,
      ] + speedFlags + files.map(\.path)
    let log = staging.appendingPathComponent("build.log")
    let end = try Subprocess.run(arguments, stdout: log, stderr: log, timeLimit: 900)
    guard end == .exited(0) else {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      throw SetupError("the RNN library does not compile:\n\(text)")
    }
    try? FileManager.default.removeItem(at: log)
    if rename(staging.path, directory.path) != 0 {
      try? FileManager.default.removeItem(at: staging)  // another build got there first
    }
    return LibraryBuild(directory: directory, hash: hash)
  }

  private static func swiftFiles(under folder: URL) throws -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
      return []
    }
    return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
      .sorted { $0.path < $1.path }
  }
}
