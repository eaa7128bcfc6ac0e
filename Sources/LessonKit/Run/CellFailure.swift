import Foundation

/// How a cell failed: a value, turned into words only where it is shown
/// (`diagnostic(file:cellLine:)`).
public enum CellFailure: Sendable, Codable, Equatable {
  /// The compiler rejected the cell; its messages, at the lesson's lines.
  case compileError([Diagnostic])
  /// The program stopped in this cell: how, the lesson line the crash points at (or the
  /// cell's first line), and what the program wrote on standard error.
  case runtimeError(RuntimeStop, line: Int, detail: String)
  /// The lesson ran past its time limit while this cell was running.
  case timedOut(seconds: Double)
  /// The lesson passed its memory limit while this cell was running.
  case outOfMemory(limit: UInt64)
  /// The lesson printed more than its output limit while this cell was running.
  case outputLimit(bytes: Int)
  /// A `fails` cell finished without an error.
  case failsCellDidNotFail
  /// The sandbox refused to run the lesson (the strict profile without namespaces).
  case refused(String)
  /// The runner was interrupted while this cell was running.
  case interrupted

  /// Whether the failure says something about the machine's load or the user rather
  /// than the lesson, so it must not be kept in the cache.
  public var dependsOnTheMachine: Bool {
    switch self {
    case .timedOut, .outOfMemory, .refused, .interrupted: true
    default: false
    }
  }

  /// The failure in words, at the cell whose code starts at `cellLine` of `file`.
  public func diagnostic(file: String, cellLine: Int) -> Diagnostic {
    switch self {
    case .compileError(let errors):
      let first = errors.first
      let text = errors.map { $0.line == first?.line ? $0.message : $0.description }.joined(separator: "\n")
      return Diagnostic(file: file, line: first?.line ?? cellLine, column: first?.column, message: text)
    case .runtimeError(let stop, let line, let detail):
      return Diagnostic(
        file: file, line: line, message: stop.headline + (detail.isEmpty ? "" : "\n" + detail))
    case .timedOut(let seconds):
      return Diagnostic(
        file: file, line: cellLine,
        message: "stopped after \(Self.seconds(seconds)), the lesson's time limit, while this cell was running "
          + "(a lesson sets a longer one with <!-- unrolled: timeout=SECONDS -->)")
    case .outOfMemory(let limit):
      return Diagnostic(
        file: file, line: cellLine,
        message: "stopped: the lesson ran out of memory (its limit is \(RunLimits.describe(bytes: limit))) "
          + "while this cell was running (a lesson sets a larger one with <!-- unrolled: memory=SIZE -->, "
          + "or give --memory-limit)")
    case .outputLimit(let bytes):
      return Diagnostic(
        file: file, line: cellLine,
        message:
          "stopped: the lesson printed (or wrote a file) of more than \(RunLimits.describe(bytes: UInt64(bytes)))")
    case .failsCellDidNotFail:
      return Diagnostic(
        file: file, line: cellLine, message: "this cell is marked `fails` but finished without an error")
    case .refused(let why):
      return Diagnostic(file: file, line: cellLine, message: "the lesson was not run: \(why)")
    case .interrupted:
      return Diagnostic(file: file, line: cellLine, message: "interrupted while this cell was running")
    }
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}

/// How a lesson program stopped before its end.
public enum RuntimeStop: Sendable, Codable, Equatable {
  /// It trapped (a failed precondition, an index out of range): SIGILL or SIGTRAP.
  case trapped
  /// A signal ended it.
  case signalled(Int32)
  /// It called `exit` (or returned from a thread's `main`) before the lesson's end.
  case exited(Int32)

  /// The first line of the message.
  public var headline: String {
    switch self {
    case .trapped: "runtime error in this cell"
    case .signalled(let signal):
      "runtime error in this cell: stopped by \(Self.name(of: signal))\(Self.meaning(of: signal))"
    case .exited(let status):
      "the program exited with status \(status) in this cell, before the lesson's end (a cell must not call exit)"
    }
  }

  /// SIGABRT for 6, and so on.
  static func name(of signal: Int32) -> String {
    let names: [Int32: String] = [
      SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
      SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
      SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
    ]
    return names[signal] ?? "signal \(signal)"
  }

  static func meaning(of signal: Int32) -> String {
    switch signal {
    case SIGABRT: " (abort() was called, or the runtime gave up)"
    case SIGSEGV, SIGBUS: " (a bad memory access)"
    case SIGKILL: " (killed from outside)"
    case SIGFPE: " (an arithmetic fault, such as an integer division by zero)"
    default: ""
    }
  }
}
