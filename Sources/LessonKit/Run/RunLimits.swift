import Foundation

/// Limits for running a lesson; every one is part of the run's cache key.
public struct RunLimits: Sendable, Hashable {
  /// Seconds the whole lesson may run (a lesson's own `<!-- unrolled: timeout=N -->` wins).
  public var timeLimit: Double = 120
  /// Bytes of output shown per cell; the rest is cut with a notice.
  public var cellOutputLimit = 64 * 1024
  /// Bytes a lesson may print in all (and bytes any file it writes may hold); past this
  /// it is stopped.
  public var programOutputLimit = 64 * 1024 * 1024
  /// Milliseconds of type-checking one expression may take before the lesson gets a
  /// warning: with the RNN library's many operator overloads, an unannotated closure can
  /// cost seconds.
  public var slowTypeCheckMilliseconds = 1000
  /// Bytes of displays (charts, tables) kept per cell; past this they are replaced by a
  /// notice.
  public var cellDisplayLimit = 4 * 1024 * 1024
  /// Bytes of memory a lesson and everything it starts may use together (a lesson's own
  /// `<!-- unrolled: memory=2G -->` wins). By default a quarter of the machine's memory.
  public var memoryLimit: UInt64 = RunLimits.defaultMemoryLimit
  /// Bytes a lesson may write into its private scratch folder (`TMPDIR`).
  public var scratchLimit: UInt64 = 256 * 1024 * 1024
  /// How much the lesson is trusted.
  public var profile: RunProfile = .ordinary
  /// Folders a lesson under the strict profile must not see, besides the lessons
  /// folder and the runner's work folders (which it never sees): other learners'
  /// submissions, say.
  public var hiddenFolders: [String] = []
  /// Whether to use Linux namespaces and control groups where the machine has them;
  /// off only to test the fallback (a child subreaper that kills every descendant, and
  /// a limit on each process's address space).
  public var namespaces = true

  /// The default limits.
  public init() {}

  /// A quarter of the machine's memory: two lessons at once still leave half free.
  public static var defaultMemoryLimit: UInt64 { max(512 << 20, ProcessInfo.processInfo.physicalMemory / 4) }

  /// Processes and threads a lesson may have at once: enough for Dispatch's worker
  /// threads, not enough for a fork bomb to matter.
  func processLimit(_ profile: RunProfile) -> Int { profile == .strict ? 128 : 1024 }

  /// The limits as words for a cache key.
  var keyText: String {
    [
      "time \(timeLimit)", "cell output \(cellOutputLimit)", "program output \(programOutputLimit)",
      "slow type check \(slowTypeCheckMilliseconds)", "display \(cellDisplayLimit)", "memory \(memoryLimit)",
      "scratch \(scratchLimit)", "profile \(profile.rawValue)", "namespaces \(namespaces)",
      "hidden \(hiddenFolders.joined(separator: "\u{0}"))",
    ].joined(separator: "\n")
  }

  /// A size such as `2G`, `512M`, `1.5G`, `64K` or a number of bytes.
  public static func parseSize(_ text: String) -> UInt64? {
    let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024]
    var number = text.trimmingCharacters(in: .whitespaces).uppercased()
    if number.hasSuffix("B") && number.count > 1 && units[number.dropLast().last ?? " "] != nil { number.removeLast() }
    var scale = 1.0
    if let unit = number.last, let factor = units[unit] {
      scale = factor
      number.removeLast()
    }
    guard let value = Double(number), value.isFinite, value > 0 else { return nil }
    let bytes = value * scale
    guard bytes >= 1, bytes < 1e18 else { return nil }
    return UInt64(bytes)
  }

  /// `bytes` as people write it: `2 GiB`, `512 MiB`.
  public static func describe(bytes: UInt64) -> String {
    for (unit, size) in [("GiB", UInt64(1) << 30), ("MiB", UInt64(1) << 20), ("KiB", UInt64(1) << 10)]
    where bytes >= size {
      let value = Double(bytes) / Double(size)
      return value == value.rounded() ? "\(Int(value)) \(unit)" : String(format: "%.1f \(unit)", value)
    }
    return "\(bytes) bytes"
  }
}
