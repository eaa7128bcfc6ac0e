import Foundation

@testable import LessonKit

#if canImport(Glibc)
  import Glibc
#endif

/// A raw TCP client for the preview server's tests: sends exactly the bytes given, so
/// paths reach the server unnormalised and heads can be malformed, slow or unfinished.
final class PreviewClient {
  /// The socket.
  let descriptor: Int32

  /// Connects to 127.0.0.1:`port`; reads wait at most `timeout` seconds.
  init(port: UInt16, timeout: Double = 5) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw PreviewClientError("socket: \(String(cString: strerror(errno)))") }
    var wait = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw PreviewClientError("connect: \(reason)")
    }
  }

  deinit { close(descriptor) }

  /// Sends `text` as UTF-8; false if the server has gone.
  @discardableResult func send(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
      == bytes.count
  }

  /// Everything the server sends until it closes; `nil` if the read timed out first.
  func readToEnd() -> String? {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count == 0 { return String(decoding: received, as: UTF8.self) }
      if count < 0 {
        if errno == EINTR { continue }
        if errno == ECONNRESET { return String(decoding: received, as: UTF8.self) }
        return nil
      }
      received += buffer[0..<count]
    }
  }

  /// Sends a request and returns the whole answer (or `nil` on time-out).
  static func request(
    _ target: String, method: String = "GET", host: String? = nil, port: UInt16, extra: String = ""
  ) throws -> String? {
    let client = try PreviewClient(port: port)
    let hostLine = "Host: \(host ?? "127.0.0.1:\(port)")\r\n"
    client.send("\(method) \(target) HTTP/1.1\r\n\(hostLine)\(extra)\r\n")
    return client.readToEnd()
  }
}

/// A failure of the test client itself (not of the server).
struct PreviewClientError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A running server on a free port over a fresh site folder, stopped by the caller.
func startPreview(limits: PreviewLimits = PreviewLimits(), configure: (PreviewServer) -> Void = { _ in }) throws
  -> (PreviewServer, URL)
{
  let folder = try lastingTemporaryFolder("unrolled-preview")
  let root = folder.appendingPathComponent("site")
  try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  try Data("<html><body>hi</body></html>".utf8).write(to: root.appendingPathComponent("index.html"))
  let server = PreviewServer(root: root, port: 0)
  server.limits = limits
  configure(server)
  try server.start()
  return (server, folder)
}

/// Monotonic seconds, for measuring how long the server took.
func monotonicSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
