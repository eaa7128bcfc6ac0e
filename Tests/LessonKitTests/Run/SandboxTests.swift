import Foundation
import LessonKit
import Testing

/// The sandbox: nothing a lesson starts outlives it, and its limits hold. Each test
/// runs a fixture that tries to break a promise, and looks at the machine afterwards.
@Suite(.serialized) struct SandboxTests {
  /// Processes whose command line holds one of `markers`.
  static func survivors(_ markers: [String]) -> [String] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil } ?? []
    return pids.compactMap { pid -> String? in
      guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
      let line = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
      return markers.contains { line.contains($0) } ? "\(pid): \(line)" : nil
    }
  }

  static let orphanMarkers = ["unrolled-orphan", "sleep 3601", "sleep 3602", "sleep 3603", "sleep 3604"]

  @Test(arguments: [true, false])
  func nothingALessonStartsOutlivesIt(namespaces: Bool) throws {
    var limits = Shared.runner.limits
    limits.namespaces = namespaces
    let (ran, _) = try Shared.run("sandbox-detached-children.md", runner: Shared.runner.with(limits))
    #expect(ran.failures.isEmpty, "\(ran.failures)")
    #expect(ran.run.cells[0]?.output == "started 203 helpers; posix_spawn: true\n")
    #expect(Self.survivors(Self.orphanMarkers) == [])
  }

  @Test func timedOutLessonsLeaveNothingBehind() throws {
    var limits = Shared.runner.limits
    limits.timeLimit = 3
    let (ran, _) = try Shared.run("sandbox-interrupted.md", runner: Shared.runner.with(limits), replacing: ["600": "3"])
    #expect(ran.run.cells[0]?.failure == .timedOut(seconds: 3))
    #expect(Self.survivors(["unrolled-orphan-interrupted", "sleep 3598"]) == [])
  }

  @Test func interruptingUnrolledStopsTheLessonAndItsChildren() throws {
    try withTemporaryFolder { folder in try interrupt(lessonsIn: folder) }
  }

  private func interrupt(lessonsIn folder: URL) throws {
    try FileManager.default.copyItem(
      at: Paths.fixtures.appendingPathComponent("sandbox-interrupted.md"),
      to: folder.appendingPathComponent("01-interrupted.md"))
    let tool = try #require(Paths.unrolledExecutable, "build the unrolled tool first (swift build)")
    let process = Process()
    process.executableURL = tool
    process.arguments = ["test", "--lessons", folder.path]
    process.currentDirectoryURL = Paths.root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait for the lesson's helper to appear (the lesson compiles first).
    var seen = false
    for _ in 0..<1200 where !seen {
      seen = !Self.survivors(["sleep 3598"]).isEmpty
      if !seen { usleep(100_000) }
    }
    #expect(seen, "the lesson never started its helper")
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    #expect(process.terminationStatus == 128 + SIGINT)
    usleep(200_000)
    #expect(Self.survivors(["unrolled-orphan-interrupted", "sleep 3598"]) == [])
  }

  @Test(arguments: [true, false])
  func aLessonPastItsMemoryLimitIsStoppedAndNamedSo(namespaces: Bool) throws {
    var limits = Shared.runner.limits
    limits.memoryLimit = 512 << 20
    limits.namespaces = namespaces
    let (ran, path) = try Shared.run("sandbox-memory.md", runner: Shared.runner.with(limits))
    #expect(ran.run.cells[0]?.output == "before\n")
    #expect(ran.run.cells[1]?.failure == .outOfMemory(limit: 512 << 20))
    let error = try #require(ran.error(1))
    #expect(error.hasPrefix("\(path):8: error: stopped: the lesson ran out of memory (its limit is 512 MiB)"))
    #expect(ran.run.cells[2] == nil)
    #expect(!ran.run.cacheable)
  }

  @Test func aLessonSetsItsOwnMemoryLimit() throws {
    let (ran, _) = try Shared.run(
      "sandbox-memory.md",
      replacing: ["is given\n": "is given\n\n<!-- unrolled: memory=512M -->\n"])
    #expect(ran.lesson.memoryLimit == 512 << 20)
    #expect(ran.run.cells[1]?.failure == .outOfMemory(limit: 512 << 20))
  }

  @Test func theSameLessonRunsWithEnoughMemory() throws {
    var limits = Shared.runner.limits
    limits.memoryLimit = 4 << 30
    let (ran, _) = try Shared.run("sandbox-memory.md", runner: Shared.runner.with(limits))
    #expect(ran.run.cells[1]?.output == "1500000000\n")
    #expect(ran.run.cells[1]?.failure == nil)
  }

  @Test func printingPastTheLimitStopsTheLessonAndSaysSo() throws {
    var limits = Shared.runner.limits
    limits.programOutputLimit = 1 << 20
    let (ran, path) = try Shared.run("sandbox-output-limit.md", runner: Shared.runner.with(limits))
    #expect(ran.run.cells[0]?.failure == .outputLimit(bytes: 1 << 20))
    #expect(ran.error(0)?.hasPrefix("\(path):4: error: stopped: the lesson printed") == true)
    #expect(ran.run.cells[1] == nil)
    #expect(!ran.failures.isEmpty)
  }

  @Test func earlyExitsAbortsAndKillsAreNamed() throws {
    let (ran, path) = try Shared.run("sandbox-endings.md")
    #expect(ran.run.cells[0]?.failure == .runtimeError(.exited(0), line: 4, detail: ""))
    #expect(ran.error(0)?.contains("exited with status 0 in this cell, before the lesson's end") == true)
    guard case .runtimeError(.signalled(SIGABRT), _, _) = ran.run.cells[1]?.failure else {
      Issue.record("abort() gave \(String(describing: ran.run.cells[1]?.failure))")
      return
    }
    #expect(ran.error(1)?.contains("stopped by SIGABRT") == true)
    #expect(ran.run.cells[2]?.failure == .runtimeError(.signalled(SIGKILL), line: 14, detail: ""))
    #expect(ran.run.cells[3]?.output == "the lesson goes on\n")
    #expect(ran.failures.isEmpty, "\(ran.failures)")
    #expect(path.hasSuffix("sandbox-endings.md"))
  }

  @Test(.enabled(if: Shared.capabilities.namespaces, "this machine has no namespaces: files are not protected"))
  func aLessonWritesOnlyIntoItsScratchFolder() throws {
    let (ran, path) = try Shared.run("sandbox-files.md", files: ["data/numbers.txt": "1 2 3\n"])
    #expect(
      ran.run.cells[0]?.output == "beside the lessons: false\nin the scratch folder: true\nreads its data: 1 2 3\n")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("99-planted.md").path))
    // The scratch folder holds 256 MiB: a cell cannot fill the disk.
    #expect(ran.run.cells[1]?.output == "wrote 250 MB of the 1000 MB it tried: true\n")
  }

  @Test(arguments: [(RunProfile.ordinary, true), (.strict, true), (.strict, false)])
  func theStrictProfileHasNoNetworkAndFewProcesses(profile: RunProfile, namespaces: Bool) throws {
    let listener = try LoopbackListener()
    var limits = Shared.runner.limits
    limits.profile = profile
    limits.namespaces = namespaces
    let (ran, _) = try Shared.run(
      "sandbox-strict.md", runner: Shared.runner.with(limits), replacing: ["PORT": "\(listener.port)"])
    let strict = profile == .strict
    if strict && !(namespaces && Shared.capabilities.namespaces) {
      // Without namespaces the strict profile cannot keep its promises, so nothing runs.
      guard case .refused(let why) = ran.run.cells[0]?.failure else {
        Issue.record("the strict profile ran without namespaces: \(String(describing: ran.run.cells[0]))")
        return
      }
      #expect(why.contains("namespaces"))
      return
    }
    #expect(ran.failures.isEmpty, "\(ran.failures)")
    #expect(
      ran.run.cells[0]?.output
        == "connected: \(!strict)\nwrote outside: false\nstarted all 300: \(!strict)\n")
  }
}

extension SandboxTests {
  @Test(
    .enabled(if: Shared.capabilities.namespaces, "the strict profile needs namespaces"),
    arguments: [RunProfile.ordinary, .strict])
  func theStrictProfileSeesItsDataButNotTheLessonsOrItsSource(profile: RunProfile) throws {
    try withTemporaryFolder { folder in
      try "# Secret\n\n<!-- hidden checks live here -->\n".write(
        to: folder.appendingPathComponent("02-secret.md"), atomically: true, encoding: .utf8)
      var limits = Shared.runner.limits
      limits.profile = profile
      let (ran, _) = try Shared.run(
        "sandbox-strict-secrets.md", in: folder, runner: Shared.runner.with(limits),
        replacing: ["LESSONS": folder.path], files: ["data/numbers.txt": "1 2 3\n"])
      let visible = profile == .ordinary
      #expect(ran.failures.isEmpty, "\(ran.failures)")
      #expect(
        ran.run.cells[0]?.output == "a sibling lesson: \(visible)\nits own source: \(visible)\nits data: 1 2 3\n")
    }
  }
}

/// A TCP socket listening on 127.0.0.1 at a port the kernel chooses.
final class LoopbackListener {
  let descriptor: Int32
  let port: UInt16

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    descriptor = fd
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
    port = UInt16(bigEndian: address.sin_port)
  }

  deinit { close(descriptor) }
}
