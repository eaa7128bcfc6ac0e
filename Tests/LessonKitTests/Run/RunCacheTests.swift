import Foundation
import Testing

@testable import LessonKit

/// The run cache's key holds everything that can change what a run prints: change any
/// part and the lesson runs again; change nothing and it does not.
@Suite(.serialized) struct RunCacheTests {
  static let lessonText = "# Key\n\n```swift\nprint(\"hello\")\n```\n"

  @Test func everyPartOfTheKeyChangesIt() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("01-key.md").path
      try Self.lessonText.write(toFile: path, atomically: true, encoding: .utf8)
      let lesson = Course.load(path)
      let runner = Shared.runner
      let source = ProgramBuilder.source(for: lesson)
      func key(_ runner: LessonRunner, _ source: String = source) -> String { runner.key(for: lesson, source: source) }
      var variants: [String: String] = ["as it is": key(runner)]
      variants["program"] = key(runner, source + "print(1)\n")
      for (name, change) in [
        ("time limit", { (limits: inout RunLimits) in limits.timeLimit += 1 }),
        ("cell output limit", { $0.cellOutputLimit += 1 }),
        ("program output limit", { $0.programOutputLimit += 1 }),
        ("slow type check", { $0.slowTypeCheckMilliseconds += 1 }),
        ("display limit", { $0.cellDisplayLimit += 1 }),
        ("memory limit", { $0.memoryLimit += 1 }),
        ("scratch limit", { $0.scratchLimit += 1 }),
        ("profile", { $0.profile = .strict }),
        ("namespaces", { $0.namespaces.toggle() }),
      ] as [(String, (inout RunLimits) -> Void)] {
        var limits = runner.limits
        change(&limits)
        variants[name] = key(runner.with(limits))
      }
      variants["engine"] = key(
        LessonRunner(
          toolchain: runner.toolchain, library: runner.library, sandbox: runner.sandbox, root: runner.root,
          cache: runner.cache, limits: runner.limits, engineVersion: runner.engineVersion + "x"))
      variants["compiler"] = key(
        LessonRunner(
          toolchain: Toolchain(version: runner.toolchain.version + "x"), library: runner.library,
          sandbox: runner.sandbox, root: runner.root, cache: runner.cache, limits: runner.limits,
          engineVersion: runner.engineVersion))
      variants["library"] = key(
        LessonRunner(
          toolchain: runner.toolchain, library: LibraryBuild(directory: runner.library.directory, hash: "other"),
          sandbox: runner.sandbox, root: runner.root, cache: runner.cache, limits: runner.limits,
          engineVersion: runner.engineVersion))
      #expect(Set(variants.values).count == variants.count, "\(variants)")
      #expect(key(runner) == variants["as it is"])
    }
  }

  @Test func aChangedLimitRunsTheLessonAgainAndTheSameLimitsDoNot() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("01-key.md").path
      try Self.lessonText.write(toFile: path, atomically: true, encoding: .utf8)
      let lesson = Course.load(path)
      let first = Shared.runner.run(lesson)
      #expect(!first.cached)
      #expect(Shared.runner.run(lesson).cached)
      var limits = Shared.runner.limits
      limits.cellOutputLimit += 1
      #expect(!Shared.runner.with(limits).run(lesson).cached)
      #expect(Shared.runner.with(limits).run(lesson).cached)
    }
  }

  @Test func changingADataFileRunsExactlyTheLessonsThatReadIt() throws {
    try withTemporaryFolder { folder in
      let lessons = [
        "01-reads-a.md": "# A\n\n```swift\nprint(try! String(contentsOfFile: \"data/a.txt\", encoding: .utf8))\n```\n",
        "02-reads-b.md": "# B\n\n```swift\nprint(try! String(contentsOfFile: \"data/b.txt\", encoding: .utf8))\n```\n",
        "03-reads-nothing.md": "# C\n\n```swift\nprint(\"no data\")\n```\n",
      ]
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
      for (name, text) in lessons {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
      }
      try "one".write(to: folder.appendingPathComponent("data/a.txt"), atomically: true, encoding: .utf8)
      try "two".write(to: folder.appendingPathComponent("data/b.txt"), atomically: true, encoding: .utf8)
      func runAll() -> [String: LessonRun] {
        lessons.keys.reduce(into: [:]) { runs, name in
          runs[name] = Shared.runner.run(Course.load(folder.appendingPathComponent(name).path))
        }
      }
      let first = runAll()
      #expect(first["01-reads-a.md"]?.cells[0]?.output == "one\n")
      #expect(first.values.allSatisfy { !$0.cached })
      #expect(runAll().values.allSatisfy { $0.cached })
      try "uno".write(to: folder.appendingPathComponent("data/a.txt"), atomically: true, encoding: .utf8)
      let after = runAll()
      #expect(after["01-reads-a.md"]?.cached == false)
      #expect(after["01-reads-a.md"]?.cells[0]?.output == "uno\n")
      #expect(after["02-reads-b.md"]?.cached == true)
      #expect(after["03-reads-nothing.md"]?.cached == true)
    }
  }

  @Test func aProseEditRunsNothing() throws {
    try withTemporaryFolder { folder in
      let path = folder.appendingPathComponent("01-key.md").path
      try Self.lessonText.write(toFile: path, atomically: true, encoding: .utf8)
      #expect(!Shared.runner.run(Course.load(path)).cached)
      try (Self.lessonText + "\nA new sentence with $x^2$ in it.\n").write(
        toFile: path, atomically: true, encoding: .utf8)
      #expect(Shared.runner.run(Course.load(path)).cached)
      try Self.lessonText.replacingOccurrences(of: "hello", with: "hello again").write(
        toFile: path, atomically: true, encoding: .utf8)
      #expect(!Shared.runner.run(Course.load(path)).cached)
    }
  }

  @Test func timeOutsAreNotCached() throws {
    var limits = Shared.runner.limits
    limits.timeLimit = 2
    let (ran, path) = try Shared.run(
      "endless-loop.md", runner: Shared.runner.with(limits), replacing: ["timeout=3": ""])
    #expect(ran.run.cells[1]?.failure == .timedOut(seconds: 2))
    #expect(!Shared.runner.with(limits).run(Course.load(path)).cached)
  }

  @Test func compilerErrorsAndFailuresAreCached() throws {
    let (first, path) = try Shared.run("trap.md")
    #expect(!first.run.cached)
    let second = Shared.runner.run(Course.load(path))
    #expect(second.cached)
    #expect(second.cells[2]?.failure == first.run.cells[2]?.failure)
  }
}
