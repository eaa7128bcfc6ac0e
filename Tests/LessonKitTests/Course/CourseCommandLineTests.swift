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

  /// A lesson whose recorded output is wrong, in a folder of its own.
  private func withFailingLesson(_ body: (URL) throws -> Void) throws {
    try withTemporaryFolder { folder in
      try "# F\n\n```swift\nprint(\"actual\")\n```\n\n```output\nrecorded\n```\n".write(
        to: folder.appendingPathComponent("01-f.md"), atomically: true, encoding: .utf8)
      try body(folder)
    }
  }

  @Test func githubFormatPrintsWorkflowAnnotations() throws {
    try withFailingLesson { folder in
      for (arguments, environment) in [
        (["--format", "github"], [String: String?]()), ([], ["GITHUB_ACTIONS": "true"]),
      ] {
        let ended = try unrolled(["test", "--lessons", folder.path] + arguments, environment: environment)
        #expect(ended.status == 1)
        #expect(
          ended.errors.contains("::error file=\(folder.path)/01-f.md,line=7::output differs%0A--- expected"),
          "\(ended.errors)")
      }
    }
  }

  @Test func jsonFormatPrintsOneObjectPerDiagnostic() throws {
    try withFailingLesson { folder in
      let ended = try unrolled(
        ["test", "--lessons", folder.path, "--format", "json"], environment: ["GITHUB_ACTIONS": nil])
      #expect(ended.status == 1)
      let objects = ended.errors.split(separator: "\n").filter { $0.hasPrefix("{") }
      try #require(objects.count == 1, "\(ended.errors)")
      let object = try JSONSerialization.jsonObject(with: Data(objects[0].utf8)) as? [String: Any]
      #expect(object?["file"] as? String == "\(folder.path)/01-f.md")
      #expect(object?["line"] as? Int == 7)
      #expect(object?["severity"] as? String == "error")
      #expect((object?["message"] as? String)?.hasPrefix("output differs") == true)
    }
  }

  /// `build --output` at a folder that is not a previous site (here, the lessons
  /// themselves) is refused with status 2 before any lesson runs, and deletes nothing.
  @Test func buildRefusesAForeignOutputFolderBeforeRunningAnything() throws {
    try withFailingLesson { folder in
      let ended = try unrolled(["build", "--lessons", folder.path, "--output", folder.path])
      #expect(ended.status == 2, "\(ended.output)\(ended.errors)")
      #expect(ended.errors.contains("refusing to replace \(folder.path)"), "\(ended.errors)")
      #expect(!ended.output.contains("01-f"), "no lesson ran: \(ended.output)")
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("01-f.md").path))
    }
  }

  @Test func aBadMemoryLimitIsBadUsage() throws {
    let ended = try unrolled(["test", "--memory-limit", "lots"])
    #expect(ended.status == 2)
    #expect(ended.errors.contains("--memory-limit takes a size such as 2G"), "\(ended.errors)")
  }

  @Test func twoColdBuildsInSeparateProcessesGiveTheSameBytes() throws {
    try withTemporaryFolder { folder in
      let lessons = folder.appendingPathComponent("lessons")
      try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
      for (name, fixture) in [
        ("01-modes.md", "modes.md"), ("02-displays.md", "displays.md"), ("03-trap.md", "trap.md"),
      ] {
        try FileManager.default.copyItem(
          at: Paths.fixtures.appendingPathComponent(fixture), to: lessons.appendingPathComponent(name))
      }
      // A time limit is part of every run's key: each build finds nothing cached.
      var statuses: [Int32] = []
      for (site, timeout) in [("a", "100"), ("b", "101")] {
        let ended = try unrolled([
          "build", "--lessons", lessons.path, "--output", folder.appendingPathComponent(site).path, "--timeout",
          timeout,
        ])
        #expect(ended.output.contains(" ran "), "\(ended.output)")
        #expect(!ended.output.contains(" cached "), "\(ended.output)")
        statuses.append(ended.status)
      }
      #expect(statuses == [1, 1], "the fixtures fail on purpose")
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("a").path).sorted()
      #expect(names.contains("01-modes.html") && names.contains("index.html"))
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("b").path).sorted() == names)
      for name in names {
        let a = FileManager.default.contents(atPath: folder.appendingPathComponent("a/\(name)").path)
        let b = FileManager.default.contents(atPath: folder.appendingPathComponent("b/\(name)").path)
        #expect(a == b, "\(name) differs between two builds")
      }
    }
  }
}
