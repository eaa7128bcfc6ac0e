import Foundation

/// What the preview server answers, decided from the request head alone: bad heads get
/// 400, a Host other than the loopback names 421, a method other than GET or HEAD 405
/// (with `Allow`), and a path a site file, the version number, or 404.
extension PreviewServer {
  /// The answer to the request whose head is `head`, for a server on `port` serving
  /// `root` at `version`; also whether the body is sent (not for HEAD).
  static func answer(head: [UInt8], root: URL, port: UInt16, version: Int) -> (PreviewResponse, includeBody: Bool) {
    guard let request = PreviewRequest(head: head) else {
      return (.text("400 Bad Request", "malformed request"), true)
    }
    guard let host = request.header("host") else {
      return (.text("400 Bad Request", "a request needs exactly one Host header"), true)
    }
    guard PreviewRequest.isLocal(host: host, port: port) else {
      return (.text("421 Misdirected Request", "this preview answers only http://127.0.0.1:\(port)/"), true)
    }
    guard request.method == "GET" || request.method == "HEAD" else {
      return (.text("405 Method Not Allowed", "GET and HEAD only", headers: [("Allow", "GET, HEAD")]), true)
    }
    guard request.target.hasPrefix("/") else {
      return (.text("400 Bad Request", "the target must be a path starting with /"), true)
    }
    return (response(for: request.target, root: root, version: version), request.method == "GET")
  }

  /// The answer to a GET of `target` (a path, perhaps with a query).
  static func response(for target: String, root: URL, version: Int) -> PreviewResponse {
    let path =
      target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "/"
    if path == "/__unrolled/version" {
      return PreviewResponse(status: "200 OK", type: "text/plain", body: Data("\(version)".utf8))
    }
    switch PreviewSiteFile.read(path: path, under: root) {
    case .badRequest: return .text("400 Bad Request", "badly percent-encoded path")
    case .notFound: return .text("404 Not Found", "not found")
    case .unavailable(let reason): return .text("503 Service Unavailable", "cannot read the file now: \(reason)")
    case .file(let data, let name):
      let type = PreviewResponse.contentType(ofFileNamed: name)
      guard type.hasPrefix("text/html") else { return PreviewResponse(status: "200 OK", type: type, body: data) }
      let page = String(decoding: data, as: UTF8.self).replacingOccurrences(
        of: "</body>", with: PreviewResponse.reloadScript(version: version) + "</body>")
      return PreviewResponse(status: "200 OK", type: type, body: Data(page.utf8))
    }
  }
}
