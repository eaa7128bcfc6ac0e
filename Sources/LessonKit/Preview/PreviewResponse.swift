import Foundation

/// One answer of the preview server: status line, content type, extra headers and body.
struct PreviewResponse: Sendable {
  /// The status, such as `200 OK`.
  var status: String
  /// The `Content-Type` value.
  var type: String
  /// The body; a HEAD request gets its length but not its bytes.
  var body: Data
  /// Headers beyond the ones every answer has, such as `Allow`.
  var headers: [(name: String, value: String)] = []

  /// A plain-text answer with `message` and a newline as its body.
  static func text(_ status: String, _ message: String, headers: [(name: String, value: String)] = []) -> Self {
    PreviewResponse(
      status: status, type: "text/plain; charset=utf-8", body: Data((message + "\n").utf8), headers: headers)
  }

  /// The bytes sent: the head, then the body unless `includeBody` is false (HEAD).
  func bytes(includeBody: Bool) -> [UInt8] {
    var head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
    for header in headers { head += "\(header.name): \(header.value)\r\n" }
    head += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    var bytes = Array(head.utf8)
    if includeBody { bytes += body }
    return bytes
  }

  /// The content type of a site file, from its extension.
  static func contentType(ofFileNamed name: String) -> String {
    switch (name as NSString).pathExtension.lowercased() {
    case "html": return "text/html; charset=utf-8"
    case "css": return "text/css; charset=utf-8"
    case "svg": return "image/svg+xml"
    case "png": return "image/png"
    case "txt": return "text/plain; charset=utf-8"
    default: return "application/octet-stream"
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
}
