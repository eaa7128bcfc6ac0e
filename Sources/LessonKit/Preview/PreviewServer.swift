import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A small HTTP server for previewing the site on 127.0.0.1 while writing lessons.
///
/// It serves the files of one folder, answers `/__unrolled/version` with a number that
/// grows after each rebuild, and adds to each HTML page a script that asks for that
/// number every second and reloads the page when it changes. Only GET is served, only
/// from the loopback address, and only regular files inside the folder: never a path
/// outside it, a symbolic link or a dotfile (see ``PreviewSiteFile``).
public final class PreviewServer: @unchecked Sendable {
  /// The folder served.
  public let root: URL
  /// The port listened on.
  public let port: UInt16
  private let lock = NSLock()
  private var version = 0
  private var socketDescriptor: Int32 = -1

  /// A server for `root` on `port` (not listening until ``start()``).
  public init(root: URL, port: UInt16) {
    self.root = root
    self.port = port
  }

  /// Tells open pages to reload.
  public func bumpVersion() {
    lock.lock()
    version += 1
    lock.unlock()
  }

  private var currentVersion: Int {
    lock.lock()
    defer { lock.unlock() }
    return version
  }

  /// Binds 127.0.0.1:`port` and answers requests on background threads.
  public func start() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SetupError("cannot open a socket: \(String(cString: strerror(errno)))") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 16) == 0 else {
      close(fd)
      throw SetupError(
        "cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno))); try --port with another number")
    }
    socketDescriptor = fd
    Thread.detachNewThread { [self] in
      while true {
        let client = accept(fd, nil, nil)
        if client < 0 { continue }
        DispatchQueue.global().async { self.answer(client) }
      }
    }
  }

  private func answer(_ client: Int32) {
    defer { close(client) }
    var request = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while request.count < 16_384 {
      let n = read(client, &buffer, buffer.count)
      if n <= 0 { break }
      request += buffer[0..<n]
      if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
    }
    let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
    guard line.count >= 2, line[0] == "GET" else {
      return send(client, status: "405 Method Not Allowed", type: "text/plain", body: Data("GET only\n".utf8))
    }
    let response = Self.response(for: String(line[1]), root: root, version: currentVersion)
    send(client, status: response.status, type: response.type, body: response.body)
  }

  /// The status, content type and body for a request of `target`.
  static func response(for target: String, root: URL, version: Int) -> (status: String, type: String, body: Data) {
    let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
    if path == "/__unrolled/version" { return ("200 OK", "text/plain", Data("\(version)".utf8)) }
    let data: Data
    let file: String
    switch PreviewSiteFile.read(path: path, under: root) {
    case .badRequest: return ("400 Bad Request", "text/plain", Data("badly percent-encoded path\n".utf8))
    case .notFound: return ("404 Not Found", "text/plain", Data("not found\n".utf8))
    case .unavailable(let reason):
      return ("503 Service Unavailable", "text/plain", Data("cannot read the file now: \(reason)\n".utf8))
    case .file(let bytes, let name): (data, file) = (bytes, name)
    }
    switch (file as NSString).pathExtension {
    case "html":
      let page = String(decoding: data, as: UTF8.self).replacingOccurrences(
        of: "</body>", with: reloadScript(version: version) + "</body>")
      return ("200 OK", "text/html; charset=utf-8", Data(page.utf8))
    case "css": return ("200 OK", "text/css; charset=utf-8", data)
    case "svg": return ("200 OK", "image/svg+xml", data)
    case "png": return ("200 OK", "image/png", data)
    default: return ("200 OK", "application/octet-stream", data)
    }
  }

  /// The preview's only script: reload when the site's version changes.
  static func reloadScript(version: Int) -> String {
    """
    <script>
    (function poll() {
      fetch("/__unrolled/version").then(r => r.text()).then(v => {
        if (v !== "\(version)") { location.reload(); } else { setTimeout(poll, 1000); }
      }).catch(() => setTimeout(poll, 2000));
    })();
    </script>

    """
  }

  private func send(_ client: Int32, status: String, type: String, body: Data) {
    let header =
      "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
      + "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
    var bytes = Data(header.utf8)
    bytes.append(body)
    bytes.withUnsafeBytes { raw in
      var sent = 0
      while sent < raw.count {
        let n = write(client, raw.baseAddress! + sent, raw.count - sent)
        if n <= 0 { return }
        sent += n
      }
    }
  }
}
