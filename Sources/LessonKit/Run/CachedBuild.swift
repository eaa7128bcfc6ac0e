import Foundation

/// A folder of Swift sources compiled with `swiftc` into the cache, once per version of
/// its sources, flags and compiler: the RNN library lessons link against, and the
/// sandbox that runs them.
struct CachedBuild: Sendable {
  /// The folder holding what was built.
  let directory: URL
  /// A hash of the sources, flags and compiler.
  let hash: String

  /// One build at a time within a process (test suites ask at once).
  private static let lock = NSLock()

  /// Builds `product` from the `.swift` files under `sources` with `swiftc` and
  /// `flags` (the output path is added), or finds it already built. Safe to call from
  /// several threads and several processes: each build has its own staging folder,
  /// renamed into place when complete.
  static func build(
    _ product: String, named name: String, sources: URL, flags: [String], cache: URL, toolchain: Toolchain,
    extraOutputs: (URL) -> [String] = { _ in [] }
  ) throws -> CachedBuild {
    lock.lock()
    defer { lock.unlock() }
    let files = try swiftFiles(under: sources)
    guard !files.isEmpty else {
      throw SetupError("no Swift files under \(sources.path): run unrolled from the repository's root")
    }
    var fingerprint = toolchain.version + "\n" + flags.joined(separator: " ") + "\n"
    for file in files {
      fingerprint += file.path.dropFirst(sources.path.count) + "\n"
      fingerprint += (try String(contentsOf: file, encoding: .utf8)) + "\n"
    }
    let hash = SHA256.hex(fingerprint)
    let directory = cache.appendingPathComponent("\(name)-\(hash.prefix(16))")
    if FileManager.default.fileExists(atPath: directory.appendingPathComponent(product).path) {
      return CachedBuild(directory: directory, hash: hash)
    }
    let staging = cache.appendingPathComponent("\(name)-\(hash.prefix(16)).tmp-\(UUID().uuidString)")
    try? FileManager.default.removeItem(at: staging)
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    let arguments =
      ["swiftc"] + flags + extraOutputs(staging) + ["-o", staging.appendingPathComponent(product).path]
      + files.map(\.path)
    let log = staging.appendingPathComponent("build.log")
    let end = try Subprocess.run(arguments, stdout: log, stderr: log, timeLimit: 900)
    guard end == .exited(0) else {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      try? FileManager.default.removeItem(at: staging)
      throw SetupError("\(sources.lastPathComponent) does not compile:\n\(text)")
    }
    try? FileManager.default.removeItem(at: log)
    if rename(staging.path, directory.path) != 0 {
      try? FileManager.default.removeItem(at: staging)  // another build got there first
    }
    return CachedBuild(directory: directory, hash: hash)
  }

  /// The `.swift` files under `folder`, in a fixed order.
  static func swiftFiles(under folder: URL) throws -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
      return []
    }
    return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
      .sorted { $0.path < $1.path }
  }
}
