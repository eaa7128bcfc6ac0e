/// What the runner asks of one sandboxed run, from the command line:
///
///     unrolled-sandbox --report FILE [--seconds S] [--memory BYTES] [--processes N]
///       [--file-size BYTES] [--scratch-folder DIR] [--scratch BYTES] [--channel FILE] [--directory DIR]
///       [--strict] [--writable DIR]… [--hide DIR]… [--without-namespaces] -- PROGRAM [ARGUMENT…]
struct Options {
  /// Where the one-line report of how the program ended is written.
  var report = ""
  /// Wall-clock seconds before everything is stopped.
  var seconds = 120.0
  /// Bytes of memory the program and all its children may use together.
  var memory: UInt64 = 0
  /// Processes (and threads) the program may have at once.
  var processes: UInt64 = 0
  /// Bytes any one file may grow to: standard output and error included.
  var fileSize: UInt64 = 0
  /// An empty folder that becomes the program's private scratch space (its `TMPDIR`),
  /// `scratch` bytes in memory.
  var scratchFolder: String?
  /// Bytes of the scratch folder the program may fill.
  var scratch: UInt64 = 256 << 20
  /// The file the program's cell records go to, opened as descriptor 3.
  var channel: String?
  /// The working directory.
  var directory = "."
  /// The strict profile: no network, another user, hidden folders.
  var strict = false
  /// Runs without namespaces or control groups even where the machine has them, as on
  /// a machine without them (to test that fallback).
  var withoutNamespaces = false
  /// Folders the program may write in (everything else is read-only but the scratch folder).
  var writable: [String] = []
  /// Folders the program must not see (under the strict profile, made empty).
  var hidden: [String] = []
  /// The program and its arguments.
  var command: [String] = []

  /// Reads the options; `nil`, with a message, when they make no sense.
  static func parse(_ arguments: [String]) -> Options? {
    var options = Options()
    var rest = arguments[...]
    while let word = rest.popFirst() {
      if word == "--" {
        options.command = Array(rest)
        break
      }
      if word == "--strict" || word == "--without-namespaces" {
        if word == "--strict" { options.strict = true } else { options.withoutNamespaces = true }
        continue
      }
      guard let value = rest.popFirst() else {
        System.complain("\(word) needs a value")
        return nil
      }
      switch word {
      case "--report": options.report = value
      case "--seconds": options.seconds = Double(value) ?? -1
      case "--memory": options.memory = UInt64(value) ?? 0
      case "--processes": options.processes = UInt64(value) ?? 0
      case "--file-size": options.fileSize = UInt64(value) ?? 0
      case "--scratch": options.scratch = UInt64(value) ?? 0
      case "--scratch-folder": options.scratchFolder = value
      case "--channel": options.channel = value
      case "--directory": options.directory = value
      case "--hide": options.hidden.append(value)
      case "--writable": options.writable.append(value)
      default:
        System.complain("unknown option \(word)")
        return nil
      }
    }
    guard !options.report.isEmpty, !options.command.isEmpty, options.seconds > 0 else {
      System.complain("usage: unrolled-sandbox --report FILE [options] -- PROGRAM [ARGUMENT…]")
      return nil
    }
    return options
  }
}
