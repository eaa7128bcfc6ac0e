import Foundation

/// How a child process ended.
enum ProcessEnd: Sendable, Equatable {
  /// It exited with this status.
  case exited(Int32)
  /// A signal ended it (a trap is SIGILL or SIGTRAP; too much output, SIGXFSZ).
  case signalled(Int32)
  /// It ran past its time limit and was killed, with everything it started.
  case timedOut
}

/// Starts programs with files for their output and nothing on standard input, and
/// stops them, with every process they started, when their time is up.
enum Subprocess {
  /// Runs `arguments[0]` (looked up on PATH) and waits at most `timeLimit` seconds.
  static func run(
    _ arguments: [String], environment: [String: String] = [:], stdout: URL, stderr: URL,
    timeLimit: Double?, workingDirectory: URL? = nil
  ) throws -> ProcessEnd {
    FileManager.default.createFile(atPath: stdout.path, contents: nil)
    FileManager.default.createFile(atPath: stderr.path, contents: nil)
    let out = try FileHandle(forWritingTo: stdout)
    let err = try FileHandle(forWritingTo: stderr)
    defer {
      try? out.close()
      try? err.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    let pid = process.processIdentifier
    Children.shared.insert(pid)
    defer {
      Children.shared.remove(pid)
      // Once an interrupt is being handled, its handler ends the process: nothing may
      // go on to report the stopped lessons as failures first.
      while Interruption.requested { pause() }
    }
    if let timeLimit, finished.wait(timeout: .now() + timeLimit) == .timedOut {
      // Foundation starts each child in a process group of its own: end the whole group.
      kill(-pid, SIGKILL)
      kill(pid, SIGKILL)
      finished.wait()
      return .timedOut
    } else if timeLimit == nil {
      finished.wait()
    }
    kill(-pid, SIGKILL)  // anything the program left running in its group
    switch process.terminationReason {
    case .uncaughtSignal: return .signalled(process.terminationStatus)
    default: return .exited(process.terminationStatus)
    }
  }
}

/// The processes the runner has started and not yet seen end, so that an interrupted
/// `unrolled` (Ctrl-C, SIGTERM) ends them too instead of leaving them running.
final class Children: @unchecked Sendable {
  /// The one registry.
  static let shared = Children()
  private var running: Set<pid_t> = []
  private let lock = NSLock()

  func insert(_ pid: pid_t) {
    lock.lock()
    running.insert(pid)
    lock.unlock()
  }

  func remove(_ pid: pid_t) {
    lock.lock()
    running.remove(pid)
    lock.unlock()
  }

  /// Asks every running child to stop (a sandbox then ends its lesson and everything
  /// the lesson started), waits a moment for them, then kills what is left.
  func stopAll() {
    lock.lock()
    let pids = running
    lock.unlock()
    for pid in pids { kill(pid, SIGTERM) }
    for _ in 0..<100 where pids.contains(where: { kill($0, 0) == 0 }) { usleep(10_000) }
    for pid in pids {
      kill(-pid, SIGKILL)
      kill(pid, SIGKILL)
    }
  }
}

/// What `unrolled` does when it is interrupted.
public enum Interruption {
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
  nonisolated(unsafe) static var requested = false

  /// From now on, SIGINT, SIGTERM and SIGHUP stop every lesson and compiler this
  /// process started, with everything they started, and then end the process with
  /// status 128 + the signal's number, as the shell expects.
  public static func stopChildrenOnSignals() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        requested = true
        Children.shared.stopAll()
        exit(128 + signalNumber)
      }
      source.resume()
      sources.append(source)
    }
  }
}
