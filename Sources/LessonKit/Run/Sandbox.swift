import Foundation

/// How much a lesson is trusted.
public enum RunProfile: String, Sendable, Codable {
  /// The course's own lessons: the file system read-only but a private scratch folder,
  /// every process ended with the lesson, limits on time, memory, output and processes.
  case ordinary
  /// Untrusted code, such as a learner's attempt being graded: the ordinary limits, and
  /// no network, another user with no rights to the runner's files, folders hidden from
  /// it, fewer processes. Refused where the machine has no Linux namespaces.
  case strict
}

/// How a sandboxed program ended.
enum SandboxEnd: Sendable, Equatable {
  /// It exited with this status.
  case exited(Int32)
  /// A signal ended it (a trap is SIGILL or SIGTRAP; too much output, SIGXFSZ).
  case signalled(Int32)
  /// It ran past its time limit; it and everything it started were stopped.
  case timedOut
  /// It, or a process it started, passed the memory limit and was stopped.
  case outOfMemory
  /// The runner was asked to stop (Ctrl-C, SIGTERM) while it ran.
  case interrupted
  /// The sandbox could not give the profile's guarantees, so nothing ran.
  case refused(String)
}

/// The `unrolled-sandbox` program (`Sources/Sandbox`), built into the cache like the
/// RNN library, and the runner's side of it: its command line and its report.
public struct Sandbox: Sendable {
  /// The built program.
  let executable: URL
  /// A hash of its sources (part of the engine's version).
  let hash: String

  /// Builds (or finds) the sandbox from `sources`.
  static func build(sources: URL, cache: URL, toolchain: Toolchain) throws -> Sandbox {
    let built = try CachedBuild.build(
      "unrolled-sandbox", named: "sandbox", sources: sources, flags: ["-O", "-module-name", "Sandbox"],
      cache: cache, toolchain: toolchain)
    return Sandbox(executable: built.directory.appendingPathComponent("unrolled-sandbox"), hash: built.hash)
  }

  /// What one run asks for.
  struct Request {
    /// The program and its arguments.
    var command: [String]
    /// Added to the runner's environment.
    var environment: [String: String] = [:]
    /// Where standard output and standard error go.
    var stdout: URL
    var stderr: URL
    /// The file the program's records go to, as descriptor 3.
    var channel: URL?
    /// The working directory.
    var directory: URL
    /// A fresh folder for the program's private scratch space (its `TMPDIR`).
    var scratch: URL
    /// Folders it may write to.
    var writable: [URL] = []
    /// Folders it must not see (strict profile).
    var hidden: [URL] = []
    /// Seconds it may run.
    var seconds: Double
    /// The limits and the profile.
    var limits: RunLimits
  }

  /// Runs `request` in the sandbox and says how it ended.
  func run(_ request: Request) throws -> SandboxEnd {
    let report = request.scratch.deletingLastPathComponent().appendingPathComponent(
      "report-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: report) }
    try FileManager.default.createDirectory(at: request.scratch, withIntermediateDirectories: true)
    var arguments = [
      executable.path, "--report", report.path, "--seconds", "\(request.seconds)",
      "--memory", "\(request.limits.memoryLimit)", "--processes",
      "\(request.limits.processLimit(request.limits.profile))",
      "--file-size", "\(request.limits.programOutputLimit)", "--directory", request.directory.path,
      "--scratch-folder", request.scratch.path, "--scratch", "\(request.limits.scratchLimit)",
    ]
    if let channel = request.channel { arguments += ["--channel", channel.path] }
    if request.limits.profile == .strict { arguments.append("--strict") }
    if !request.limits.namespaces { arguments.append("--without-namespaces") }
    for folder in request.writable { arguments += ["--writable", folder.path] }
    for folder in request.hidden { arguments += ["--hide", folder.path] }
    arguments += ["--"] + request.command
    var environment = request.environment
    environment["TMPDIR"] = request.scratch.path
    // A backstop only: the sandbox stops the program at its own limit.
    let end = try Subprocess.run(
      arguments, environment: environment, stdout: request.stdout, stderr: request.stderr,
      timeLimit: request.seconds + 30)
    let lines = ((try? String(contentsOf: report, encoding: .utf8)) ?? "").split(separator: "\n")
    guard let first = lines.first else {
      return end == .timedOut ? .timedOut : .refused("the sandbox ended without a report (\(end))")
    }
    return Self.parse(first)
  }

  /// What the sandbox can do on this machine.
  public struct Capabilities: Sendable, Equatable {
    /// Whether it runs lessons in Linux namespaces (every process ended with its
    /// lesson, a read-only file system, the strict profile). Without them it falls back
    /// to a child subreaper, which still ends every process a lesson started.
    public var namespaces: Bool
    /// How memory is limited: `cgroup` (the lesson and its children together) or
    /// `rlimit` (each process's address space).
    public var memory: String
  }

  /// Runs `/bin/true` in the sandbox and reads what it could set up.
  func capabilities(scratch: URL) throws -> Capabilities {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let report = scratch.appendingPathComponent("report")
    let log = scratch.appendingPathComponent("log")
    defer { try? FileManager.default.removeItem(at: scratch) }
    _ = try Subprocess.run(
      [executable.path, "--report", report.path, "--seconds", "30", "--memory", "\(512 << 20)", "--", "/bin/true"],
      stdout: log, stderr: log, timeLimit: 60)
    let lines = ((try? String(contentsOf: report, encoding: .utf8)) ?? "").split(separator: "\n")
    return Capabilities(
      namespaces: lines.contains("containment namespaces"),
      memory: lines.first { $0.hasPrefix("memory ") }.map { String($0.dropFirst("memory ".count)) } ?? "none")
  }

  /// The report's first line as an ending.
  static func parse(_ line: Substring) -> SandboxEnd {
    let words = line.split(separator: " ", maxSplits: 1)
    let argument = words.count > 1 ? String(words[1]) : ""
    switch words.first {
    case "exited": return .exited(Int32(argument) ?? -1)
    case "signalled": return .signalled(Int32(argument) ?? -1)
    case "timed-out": return .timedOut
    case "out-of-memory": return .outOfMemory
    case "interrupted": return .interrupted
    default: return .refused(argument.isEmpty ? String(line) : argument)
    }
  }
}
