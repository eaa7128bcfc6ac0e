import Foundation
import Testing

@testable import LessonKit

#if canImport(Glibc)
  import Glibc
#endif

/// The preview server when the process really runs out of file descriptors.
///
/// Lowering `RLIMIT_NOFILE` inside the test process would starve every other test running
/// beside it, so the parent test runs this same test binary again as a child, with only
/// the child test selected; the child lowers its own limit, exhausts it and checks the
/// server neither dies nor spins, then serves again once descriptors are free.
@Suite struct PreviewDescriptorTests {
  static let childVariable = "UNROLLED_PREVIEW_NOFILE_CHILD"

  @Test func theServerSurvivesRunningOutOfDescriptors() throws {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = ["--testing-library", "swift-testing", "--filter", "PreviewDescriptorTests/exhaustDescriptors"]
    child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: "1"]) { $1 }
    let output = Pipe()
    child.standardOutput = output
    child.standardError = output
    try child.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    // The child's summary line is reworded so that a log scanned for the run's own
    // summary ("Test run with") never finds the child's instead.
    let report = text.suffix(3000).replacingOccurrences(of: "Test run with", with: "child run with")
    #expect(child.terminationReason == .exit && child.terminationStatus == 0, "the child failed:\n\(report)")
    #expect(text.contains("exhaustDescriptors()") && text.contains("1 test"), "the child did not run:\n\(report)")
  }

  /// Runs only as the child of the test above.
  @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
  func exhaustDescriptors() throws {
    var limit = rlimit()
    #expect(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0)
    limit.rlim_cur = 64
    #expect(setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0)
    // Accepted clients stay until they close, so the server stays out of descriptors.
    let (server, folder) = try startPreview(limits: PreviewLimits(requestSeconds: 30))
    defer { server.stop() }
    let watched = try PreviewServer.fingerprint(of: [folder.path])
    let port = server.listeningPort
    var clients: [PreviewClient] = []
    while clients.count < 200, let client = try? PreviewClient(port: port, timeout: 3) { clients.append(client) }
    #expect(clients.count < 200, "the limit of 64 descriptors was never reached")
    // The watcher cannot read the site now, and says so rather than return a changed list.
    #expect(throws: FingerprintError.self) { try PreviewServer.fingerprint(of: [folder.path]) }
    // Out of descriptors with connections waiting: the server backs off instead of spinning.
    let before = Self.cpuSeconds()
    usleep(1_000_000)
    let spent = Self.cpuSeconds() - before
    #expect(spent < 0.1, "the process used \(spent) s of CPU in 1 s out of descriptors")
    // Once the clients close, the server accepts and answers again.
    clients.removeAll()
    let deadline = monotonicSeconds() + 5
    var answer: String?
    repeat {
      usleep(100_000)
      answer = try? PreviewClient.request("/", port: port)
    } while answer?.hasPrefix("HTTP/1.1 200 OK") != true && monotonicSeconds() < deadline
    #expect(answer?.hasPrefix("HTTP/1.1 200 OK") == true, "\(answer ?? "no answer")")
    #expect(try PreviewServer.fingerprint(of: [folder.path]) == watched)
  }

  /// User and system CPU time of this process so far.
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
  }
}
