import Foundation

/// A request head as the preview server reads it: method, target, version and headers.
///
/// The body, if any, is never read: only GET and HEAD are served, and the answer to any
/// other method is sent as soon as the head has arrived.
struct PreviewRequest: Sendable {
  /// The method, such as `GET`.
  let method: String
  /// The target, such as `/index.html?x=1`.
  let target: String
  /// The protocol, such as `HTTP/1.1`.
  let version: String
  /// The headers, names lower-cased, in the order sent.
  let headers: [(name: String, value: String)]

  /// Parses a head (the bytes up to and including its blank line); `nil` if malformed.
  init?(head: [UInt8]) {
    let text = String(decoding: head, as: UTF8.self)
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }[...]
    guard let first = lines.popFirst() else { return nil }
    let parts = first.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[2].hasPrefix("HTTP/1.") else { return nil }
    method = String(parts[0])
    target = String(parts[1])
    version = String(parts[2])
    var headers: [(name: String, value: String)] = []
    for line in lines where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      headers.append((name, value))
    }
    self.headers = headers
  }

  /// The value of the header `name` (lower-case) when sent exactly once.
  func header(_ name: String) -> String? {
    let values = headers.filter { $0.name == name }
    return values.count == 1 ? values[0].value : nil
  }

  /// Whether `host` names this server on `port`: `127.0.0.1` or `localhost`, with no
  /// port or this one. Any other name may be a DNS-rebinding page reaching the preview
  /// through the reader's browser, so it is refused.
  static func isLocal(host: String, port: UInt16) -> Bool {
    let lowered = host.lowercased()
    for name in ["127.0.0.1", "localhost"] where lowered == name || lowered == "\(name):\(port)" {
      return true
    }
    return false
  }
}
