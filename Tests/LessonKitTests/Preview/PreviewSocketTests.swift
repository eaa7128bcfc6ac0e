import Foundation
import Testing

@testable import LessonKit

#if canImport(Glibc)
  import Glibc
#endif

/// The preview server over real sockets: hostile and slow clients, methods, Host.
@Suite struct PreviewSocketTests {
  /// Short deadlines so the tests wait a second, not five.
  static let quick = PreviewLimits(requestSeconds: 1, responseSeconds: 1, lingerSeconds: 0.5)

  @Test func idleClientsNeitherBlockOthersNorStayForever() throws {
    let (server, _) = try startPreview(limits: Self.quick)
    defer { server.stop() }
    let port = server.listeningPort
    let idle = try (0..<100).map { _ in try PreviewClient(port: port, timeout: 4) }
    let started = monotonicSeconds()
    let page = try PreviewClient.request("/", port: port)
    #expect(page?.hasPrefix("HTTP/1.1 200 OK") == true)
    #expect(monotonicSeconds() - started < 0.5, "a page took too long while 100 clients sat idle")
    // Every idle client is dropped once its second is up, with nothing sent.
    for client in idle {
      let answer = client.readToEnd()
      #expect(answer == "", "an idle client was not dropped (\(answer ?? "still open after 4 s"))")
      if answer != "" { break }
    }
    let elapsed = monotonicSeconds() - started
    #expect(elapsed > 0.8 && elapsed < 2.5, "idle clients dropped after \(elapsed) s, not about 1 s")
  }

  @Test func aClientTricklingItsHeadIsDroppedAtTheDeadline() throws {
    let (server, _) = try startPreview(limits: Self.quick)
    defer { server.stop() }
    let slow = try PreviewClient(port: server.listeningPort)
    let started = monotonicSeconds()
    var stillOpen = true
    for byte in "GET / HTTP/1.1\r\nX-Slow: " {
      usleep(150_000)
      stillOpen = slow.send(String(byte))
      if !stillOpen || monotonicSeconds() - started > 3 { break }
    }
    let elapsed = monotonicSeconds() - started
    #expect(slow.readToEnd()?.isEmpty == true)
    #expect(elapsed < 2.5, "a client sending a byte every 0.15 s was kept \(elapsed) s")
  }

  @Test func otherMethodsGet405AtOnceWithoutTheBodyBeingRead() throws {
    let (server, _) = try startPreview(limits: Self.quick)
    defer { server.stop() }
    let port = server.listeningPort
    // The head says a large body follows; only part of it is ever sent.
    let client = try PreviewClient(port: port, timeout: 0.8)
    client.send("POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 100000\r\n\r\npartial body")
    let answer = client.readToEnd()
    #expect(answer?.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n") == true, "\(answer ?? "timed out")")
    #expect(answer?.contains("\r\nAllow: GET, HEAD\r\n") == true)
    for method in ["PUT", "DELETE", "OPTIONS"] {
      let other = try PreviewClient.request("/", method: method, port: port, extra: "Content-Length: 3\r\n")
      #expect(other?.hasPrefix("HTTP/1.1 405 ") == true, "\(method)")
    }
  }

  @Test func headGetsTheHeadersOfGetAndNoBody() throws {
    let (server, _) = try startPreview(limits: Self.quick)
    defer { server.stop() }
    let port = server.listeningPort
    let get = try #require(try PreviewClient.request("/index.html", port: port))
    let head = try #require(try PreviewClient.request("/index.html", method: "HEAD", port: port))
    let getHead = try #require(get.components(separatedBy: "\r\n\r\n").first)
    #expect(head == getHead + "\r\n\r\n")
    #expect(getHead.contains("Content-Type: text/html; charset=utf-8"))
    #expect(get.hasSuffix("</body></html>"))
    server.bumpVersion()
    #expect(try PreviewClient.request("/__unrolled/version", port: port)?.hasSuffix("\r\n\r\n1") == true)
  }

  @Test func onlyLoopbackHostNamesAreAnswered() throws {
    let (server, _) = try startPreview(limits: Self.quick)
    defer { server.stop() }
    let port = server.listeningPort
    for host in ["127.0.0.1", "127.0.0.1:\(port)", "localhost", "LOCALHOST:\(port)"] {
      #expect(try PreviewClient.request("/", host: host, port: port)?.hasPrefix("HTTP/1.1 200 OK") == true, "\(host)")
    }
    for host in ["evil.example", "evil.example:\(port)", "127.0.0.1:\(port &+ 1)", "127.0.0.1.evil.example", ""] {
      let answer = try PreviewClient.request("/", host: host, port: port)
      #expect(answer?.hasPrefix("HTTP/1.1 421 Misdirected Request") == true, "\(host): \(answer ?? "timed out")")
    }
    let noHost = try PreviewClient(port: port)
    noHost.send("GET / HTTP/1.1\r\n\r\n")
    #expect(noHost.readToEnd()?.hasPrefix("HTTP/1.1 400 ") == true)
  }

  @Test func outOfDescriptorsAcceptingPausesAndServingGoesOn() throws {
    let failing = FailingAccept()
    let (server, _) = try startPreview(limits: Self.quick) { $0.acceptConnection = failing.accept }
    defer { server.stop() }
    let port = server.listeningPort
    // A client accepted before descriptors run out is still answered while they are out.
    let early = try PreviewClient(port: port)
    usleep(200_000)
    failing.set(failing: true)
    early.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    #expect(early.readToEnd()?.hasPrefix("HTTP/1.1 200 OK") == true)
    // A new client waits in the listen queue; accept is retried a few times a second, not spun.
    let waiting = try PreviewClient(port: port)
    waiting.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    usleep(1_000_000)
    let attempts = failing.set(failing: false)
    #expect(attempts >= 2 && attempts <= 10, "accept was tried \(attempts) times in 1 s of EMFILE")
    // Once descriptors are back, the waiting client is served.
    #expect(waiting.readToEnd()?.hasPrefix("HTTP/1.1 200 OK") == true)
  }
}

/// An `accept` that fails with EMFILE while told to, counting the failures.
final class FailingAccept: @unchecked Sendable {
  private let lock = NSLock()
  private var failing = false
  private var failures = 0

  /// Starts or stops failing; returns the failures counted since the last call.
  @discardableResult func set(failing: Bool) -> Int {
    lock.withLock {
      self.failing = failing
      defer { failures = 0 }
      return failures
    }
  }

  /// Like `accept`, or -1 with `errno` EMFILE while failing.
  var accept: @Sendable (Int32) -> Int32 {
    { [self] listener in
      let fail = lock.withLock {
        if failing { failures += 1 }
        return failing
      }
      if fail {
        errno = EMFILE
        return -1
      }
      return Glibc.accept(listener, nil, nil)
    }
  }
}
