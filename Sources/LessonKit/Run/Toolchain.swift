import Foundation

/// The Swift compiler that builds lessons, and its version (part of every cache key).
public struct Toolchain: Sendable {
  /// The first line of `swiftc --version`.
  public let version: String

  /// Finds `swiftc` on PATH.
  public static func find(scratch: URL) throws -> Toolchain {
    let id = UUID().uuidString
    let out = scratch.appendingPathComponent("swiftc-version-\(id).txt")
    let err = scratch.appendingPathComponent("swiftc-version-\(id).err")
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    let end = try? Subprocess.run(["swiftc", "--version"], stdout: out, stderr: err, timeLimit: 60)
    let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    guard end == .exited(0), let first = text.split(separator: "\n").first else {
      throw SetupError(
        "cannot run swiftc: install Swift 6.3 or later and put its bin folder on PATH (https://www.swift.org/install/)")
    }
    return Toolchain(version: String(first))
  }
}
