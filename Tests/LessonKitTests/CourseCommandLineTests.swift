import Foundation
import Testing

/// The `unrolled` executable's exit statuses, as the README promises them: 0 all good
/// (and `--help`), 1 a lesson failed, 2 bad usage or a missing dependency, with a
/// message saying what to do.
@Suite struct CourseCommandLineTests {
  /// What a run of `unrolled` ended with.
  struct Ended {
    let status: Int32
    let output: String
    let errors: String
  }

  /// Runs `unrolled` with `arguments` in the repository's root, with the environment
  /// changed by `environment` (a `nil` value removes a variable).
  func unrolled(_ arguments: [String], environment: [String: String?] = [:]) throws -> Ended {
    let executable = try #require(
      Paths.unrolledExecutable, "no unrolled beside \(CommandLine.arguments[0]): build it with `swift build`")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = Paths.root
    var variables = ProcessInfo.processInfo.environment
    for (name, value) in environment { variables[name] = value }
    process.environment = variables
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read both pipes at once, so that neither can fill up and block the child.
    nonisolated(unsafe) var errorData = Data()
    let reading = DispatchGroup()
    DispatchQueue.global().async(group: reading) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    reading.wait()
    process.waitUntilExit()
    return Ended(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      errors: String(decoding: errorData, as: UTF8.self))
  }

  @Test func helpExitsZero() throws {
    let ended = try unrolled(["--help"])
    #expect(ended.status == 0)
    #expect(ended.output.contains("USAGE: unrolled"))
    let sub = try unrolled(["handout", "--help"])
    #expect(sub.status == 0)
    #expect(sub.output.contains("--solutions"))
  }

  /// Usage errors end with status 2 (not ArgumentParser's 64), with its message and the
  /// usage line.
  @Test(arguments: [
    (["build", "--jobs", "0"], "--jobs must be at least 1"),
    (["test", "--timeout=0"], "--timeout must be a positive number of seconds"),
    (["build", "--frobnicate"], "Unknown option '--frobnicate'"),
    (["handout"], "Missing expected argument"),
    (["sing"], "Unexpected argument 'sing'"),
  ])
  func badUsageExitsTwo(arguments: [String], message: String) throws {
    let ended = try unrolled(arguments)
    #expect(ended.status == 2, "\(arguments): \(ended.errors)")
    #expect(ended.errors.contains(message), "\(ended.errors)")
    #expect(ended.errors.contains("Usage: unrolled"), "\(ended.errors)")
  }

  /// A lesson name that means no lesson, or several, is bad usage too.
  @Test func unknownLessonExitsTwo() throws {
    let ended = try unrolled(["test", "no-such-lesson"])
    #expect(ended.status == 2)
    #expect(ended.errors.contains("unrolled: no lesson 'no-such-lesson' in Lessons"), "\(ended.errors)")
  }

  /// Without Chromium, `handout` says how to install it and exits 2 before running
  /// anything. Chromium is made unfindable with `UNROLLED_CHROMIUM` naming a file that
  /// does not exist (which `Chromium.find` takes over `PATH`) and a `PATH` without it.
  @Test func handoutWithoutChromiumExitsTwoWithTheInstallLine() throws {
    let ended = try unrolled(
      ["handout", "01"],
      environment: ["UNROLLED_CHROMIUM": "/nonexistent/chromium", "PATH": "/nonexistent"])
    #expect(ended.status == 2)
    #expect(ended.errors.contains("headless Chromium is needed to print handouts"), "\(ended.errors)")
    #expect(ended.errors.contains("sudo apt-get install chromium"), "\(ended.errors)")
    #expect(ended.output.isEmpty, "nothing ran: \(ended.output)")
  }
}
