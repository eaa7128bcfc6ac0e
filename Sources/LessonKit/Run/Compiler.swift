import Foundation

/// Compiles a lesson's program against the RNN library, and reads the compiler's log
/// back into diagnostics at the lesson's lines.
struct Compiler: Sendable {
  /// The compiler.
  let toolchain: Toolchain
  /// The library lessons link against.
  let library: LibraryBuild
  /// Milliseconds of type-checking one expression may take before a warning.
  let slowTypeCheckMilliseconds: Int

  /// What compiling gave.
  struct Result {
    /// Whether there is a program to run.
    var succeeded: Bool
    /// Errors by cell index.
    var cellErrors: [Int: [Diagnostic]] = [:]
    /// Errors at no cell (or the whole log when nothing could be placed).
    var lessonErrors: [Diagnostic] = []
    /// Advice, such as expressions slow to type-check.
    var warnings: [Diagnostic] = []
  }

  /// Compiles `main` (the lesson's program) into `executable`.
  func compile(_ lesson: Lesson, main: URL, into executable: URL) throws -> Result {
    let lib = library.directory.path
    let log = main.deletingLastPathComponent().appendingPathComponent("compile.log")
    // Line tables are all the backtracer needs to name a crash's line: full debug
    // information (`-g`) made every lesson's compile about 0.17 s (40%) slower.
    let end = try Subprocess.run(
      [
        "swiftc", "-Onone", "-gline-tables-only", "-swift-version", "5", "-module-name", "Lesson", "-diagnostic-style",
        "llvm",
        "-Xfrontend", "-warn-long-expression-type-checking=\(slowTypeCheckMilliseconds)",
        "-I", lib, "-L", lib, "-lRNN", "-Xlinker", "-rpath", "-Xlinker", lib,
        main.path, "-o", executable.path,
      ], stdout: log, stderr: log, timeLimit: 600, workingDirectory: main.deletingLastPathComponent())
    return Self.read(
      log: String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self),
      succeeded: end == .exited(0), lesson: lesson)
  }

  /// The compiler's log as diagnostics: errors attached to the cell whose lines hold
  /// them, slow type-checks as warnings.
  static func read(log: String, succeeded: Bool, lesson: Lesson) -> Result {
    var result = Result(succeeded: succeeded)
    var seenSlow: Set<Int> = []
    for line in log.split(separator: "\n") {
      guard let message = parse(line, file: lesson.path) else { continue }
      if message.severity == .warning, message.message.hasPrefix("expression took ") {
        guard seenSlow.insert(message.line).inserted else { continue }  // one warning per line
        let milliseconds = message.message.dropFirst("expression took ".count).prefix(while: \.isNumber)
        result.warnings.append(
          Diagnostic(
            file: lesson.path, line: message.line, severity: .warning,
            message: "this expression took \(milliseconds) ms to type-check, which slows every build after a "
              + "change to the lesson; write out its closures' types, as in `{ (t: Int) -> Double in … }`"))
      } else if message.severity == .error, !succeeded {
        if let cell = lesson.cells.last(where: { $0.runs && $0.codeLine <= message.line }) {
          result.cellErrors[cell.index, default: []].append(message)
        } else {
          result.lessonErrors.append(message)
        }
      }
    }
    if !succeeded && result.cellErrors.isEmpty && result.lessonErrors.isEmpty {
      result.lessonErrors.append(
        Diagnostic(file: lesson.path, line: 1, message: "the lesson does not compile:\n\(log)"))
    }
    return result
  }

  /// `FILE:LINE:COLUMN: SEVERITY: MESSAGE` for `file`, or `nil`.
  static func parse(_ line: Substring, file: String) -> Diagnostic? {
    guard line.hasPrefix(file + ":") else { return nil }
    var rest = line.dropFirst(file.count + 1)
    guard let number = Int(rest.prefix(while: \.isNumber)) else { return nil }
    rest = rest.drop(while: \.isNumber)
    var column: Int?
    if rest.hasPrefix(":"), let value = Int(rest.dropFirst().prefix(while: \.isNumber)) {
      column = value
      rest = rest.dropFirst().drop(while: \.isNumber)
    }
    for severity in [Diagnostic.Severity.error, .warning, .note] where rest.hasPrefix(": \(severity.rawValue): ") {
      let message = rest.dropFirst(severity.rawValue.count + 4)
      return Diagnostic(file: file, line: number, column: column, severity: severity, message: String(message))
    }
    return nil
  }
}
