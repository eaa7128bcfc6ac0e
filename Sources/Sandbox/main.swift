import Glibc

// unrolled-sandbox: runs one lesson program so that nothing it starts outlives it, with
// limits on time, memory, processes and file sizes, and writes one line saying how it
// ended. The lesson runner starts it; see Options for its command line, and
// LessonKit's Sandbox type for the side that reads its report.
//
// Where the machine allows Linux namespaces, the program runs as the child of a small
// init process in a PID namespace of its own: when the program ends, init ends, and
// the kernel ends every process left in the namespace. Elsewhere this process makes
// itself a child subreaper and kills every descendant it finds.

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else { exit(2) }
let sandboxPID = getpid()
let realRoot = getuid() == 0

/// How the program ended, as the report's first line says it.
enum Outcome {
  case exited(Int32), signalled(Int32), timedOut, outOfMemory, interrupted, refused(String)

  var line: String {
    switch self {
    case .exited(let status): "exited \(status)"
    case .signalled(let signal): "signalled \(signal)"
    case .timedOut: "timed-out"
    case .outOfMemory: "out-of-memory"
    case .interrupted: "interrupted"
    case .refused(let why): "refused \(why)"
    }
  }

  /// The outcome a `waitpid` status stands for.
  init(status: Int32) {
    let signal = status & 0x7f
    self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
  }
}

// The program writes its cell records to descriptor 3 (opened first, so that nothing
// else of this process's is at 3).
if let channel = options.channel {
  let fd = open(channel, O_WRONLY | O_APPEND)
  guard fd >= 0 else {
    System.complain("cannot open the channel \(channel): \(String(cString: strerror(errno)))")
    exit(2)
  }
  if fd != 3 {
    dup2(fd, 3)
    close(fd)
  }
  setenv("UNROLLED_CHANNEL_FD", "3", 1)
}

/// The report, opened before anything can change what this process sees.
let reportFile = open(options.report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
guard reportFile >= 0 else {
  System.complain("cannot write \(options.report): \(String(cString: strerror(errno)))")
  exit(2)
}

func finish(_ outcome: Outcome, containment: String, memory: String) -> Never {
  let text = "\(outcome.line)\ncontainment \(containment)\nmemory \(memory)\n"
  _ = Array(text.utf8).withUnsafeBytes { write(reportFile, $0.baseAddress, $0.count) }
  close(reportFile)
  exit(0)
}

// If the runner dies, even by SIGKILL, this run ends too.
System.prctl(System.setParentDeathSignal, UInt(SIGTERM))

// The program, opened now: under the strict profile its folder is hidden from it.
let programFile = open(options.command[0], O_RDONLY | O_CLOEXEC)
guard programFile >= 0 else {
  System.complain("cannot open \(options.command[0]): \(String(cString: strerror(errno)))")
  finish(.refused("cannot open the program \(options.command[0])"), containment: "none", memory: "none")
}

// Signals this process waits for instead of being ended by.
var waited = sigset_t()
sigemptyset(&waited)
for signal in [SIGCHLD, SIGTERM, SIGINT, SIGHUP] { sigaddset(&waited, signal) }
sigprocmask(SIG_BLOCK, &waited, nil)

let group =
  !options.withoutNamespaces && (options.memory > 0 || options.processes > 0)
  ? ControlGroup.make(name: "unrolled-\(sandboxPID)", memory: options.memory, processes: options.processes) : nil
let memoryMechanism = options.memory == 0 ? "none" : group != nil ? "cgroup" : "rlimit"
let isolated = !options.withoutNamespaces && Isolation.enter(strict: options.strict)
let containment = isolated ? "namespaces" : "subreaper"
if options.strict && !isolated {
  finish(
    .refused(
      "the strict profile needs Linux user, PID, mount and network namespaces, which this machine does not allow"),
    containment: containment, memory: memoryMechanism)
}
if !isolated { System.prctl(System.setChildSubreaper, 1) }

/// Becomes the lesson program: default signals, the limits, the working directory.
func becomeProgram() -> Never {
  var none = sigset_t()
  sigemptyset(&none)
  sigprocmask(SIG_SETMASK, &none, nil)
  for signal in 1..<65 where signal != SIGKILL && signal != SIGSTOP { Glibc.signal(Int32(signal), SIG_DFL) }
  if options.fileSize > 0 { System.limit(System.limitFileSize, options.fileSize) }
  System.limit(System.limitCore, 0)
  if options.memory > 0 && group == nil { System.limit(System.limitAddressSpace, options.memory) }
  if options.strict {
    System.prctl(38, 1)  // PR_SET_NO_NEW_PRIVS: no set-user-ID programs
    if realRoot {
      // Another user, one of its own, so the process limit counts only this run.
      let id = UInt32(100_000 + Int(sandboxPID) % 100_000)
      setgroups(0, nil)
      guard setgid(id) == 0, setuid(id) == 0 else {
        System.complain("cannot drop to an unprivileged user")
        _exit(127)
      }
    }
  }
  if options.processes > 0 { System.limit(System.limitProcesses, options.processes) }
  for fd in Int32(4)..<1024 where fd != programFile { close(fd) }
  guard chdir(options.directory) == 0 else {
    System.complain("cannot enter \(options.directory): \(String(cString: strerror(errno)))")
    _exit(127)
  }
  var arguments = options.command.map { strdup($0) }
  arguments.append(nil)
  // Started from the file opened before any folder was hidden: the program's own
  // folder may be one of them.
  fexecve(programFile, &arguments, environ)
  System.complain("cannot start \(options.command[0]): \(String(cString: strerror(errno)))")
  _exit(127)
}

/// The first process of the PID namespace: prepares the files, starts the program,
/// reaps orphans, and when the program ends says how on `statusPipe` and ends, which
/// ends everything else in the namespace.
func becomeInit(statusPipe: Int32) -> Never {
  System.prctl(System.setParentDeathSignal, UInt(SIGKILL))
  func say(_ line: String) {
    _ = Array((line + "\n").utf8).withUnsafeBytes { write(statusPipe, $0.baseAddress, $0.count) }
  }
  if let problem = Isolation.prepareFiles(
    scratch: options.scratchFolder.map { ($0, options.scratch) }, writable: options.writable, hidden: options.hidden),
    options.strict
  {
    say("refused \(problem)")
    _exit(0)
  }
  let program = fork()
  if program == 0 { becomeProgram() }
  var status: Int32 = 0
  while true {
    let pid = waitpid(-1, &status, 0)
    if pid == program {
      say(Outcome(status: status).line)
      _exit(0)
    }
    if pid < 0 && errno == ECHILD { _exit(0) }
  }
}

var goPipe: [Int32] = [0, 0]
var statusPipe: [Int32] = [0, 0]
pipe(&goPipe)
pipe(&statusPipe)
let child = fork()
if child == 0 {
  close(goPipe[1])
  close(statusPipe[0])
  var byte: UInt8 = 0
  _ = read(goPipe[0], &byte, 1)  // wait until the control group holds this process
  close(goPipe[0])
  if isolated { becomeInit(statusPipe: statusPipe[1]) }
  close(statusPipe[1])
  becomeProgram()
}
close(goPipe[0])
close(statusPipe[1])
group?.add(child)
var go: UInt8 = 1
_ = write(goPipe[1], &go, 1)
close(goPipe[1])

// Wait for the program, the time limit or a request to stop, whichever comes first.
var stopped: Outcome?
var childStatus: Int32?
let started = timespec.now
while childStatus == nil {
  let left = options.seconds - timespec.now.seconds(since: started)
  if left <= 0 {
    stopped = .timedOut
    break
  }
  var timeout = timespec(tv_sec: Int(left), tv_nsec: Int((left - left.rounded(.down)) * 1e9))
  var info = siginfo_t()
  let signal = sigtimedwait(&waited, &info, &timeout)
  if signal == SIGTERM || signal == SIGINT || signal == SIGHUP {
    stopped = .interrupted
    break
  }
  var status: Int32 = 0
  while true {
    let pid = waitpid(-1, &status, WNOHANG)
    if pid <= 0 { break }
    if pid == child { childStatus = status }
  }
}
if childStatus == nil {
  kill(child, SIGKILL)
  var status: Int32 = 0
  while waitpid(child, &status, 0) < 0 && errno == EINTR {}
}
if !isolated { Descendants.killAll() }

var reported = ""
var buffer = [UInt8](repeating: 0, count: 512)
while true {
  let count = buffer.withUnsafeMutableBytes { read(statusPipe[0], $0.baseAddress, $0.count) }
  if count <= 0 { break }
  reported += String(decoding: buffer[0..<count], as: UTF8.self)
}
let killedForMemory = group?.killedForMemory ?? false
group?.remove()

let outcome: Outcome
if let stopped {
  outcome = stopped
} else if isolated {
  let words = reported.split(separator: "\n").first.map(String.init) ?? ""
  if words.hasPrefix("refused ") {
    outcome = .refused(String(words.dropFirst("refused ".count)))
  } else if words.hasPrefix("exited "), let status = Int32(words.dropFirst("exited ".count)) {
    outcome = .exited(status)
  } else if words.hasPrefix("signalled "), let signal = Int32(words.dropFirst("signalled ".count)) {
    outcome = killedForMemory && signal == SIGKILL ? .outOfMemory : .signalled(signal)
  } else {
    outcome = killedForMemory ? .outOfMemory : .refused("the sandbox's init process ended unexpectedly")
  }
} else {
  let ended = Outcome(status: childStatus ?? 0)
  if case .signalled(SIGKILL) = ended, killedForMemory { outcome = .outOfMemory } else { outcome = ended }
}
finish(outcome, containment: containment, memory: memoryMechanism)

extension timespec {
  /// The monotonic clock's reading.
  static var now: timespec {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return time
  }

  /// Seconds from `start` to this reading.
  func seconds(since start: timespec) -> Double {
    Double(tv_sec - start.tv_sec) + Double(tv_nsec - start.tv_nsec) / 1e9
  }
}
