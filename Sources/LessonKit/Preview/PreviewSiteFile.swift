import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Finds the file a request path names inside the site folder, and nothing else.
///
/// Each segment is percent-decoded once, after splitting on `/`; a segment that is empty
/// after decoding is skipped, and one that starts with `.` (so `..`, `.git`) or holds `/`
/// or NUL is refused. The folders on the way are opened one at a time with `O_NOFOLLOW`
/// relative to the one before, and the file itself too, so a symbolic link anywhere in the
/// path, or swapped in between two checks, ends the lookup; only a regular file is read.
enum PreviewSiteFile {
  /// What a lookup found.
  enum Lookup: Equatable {
    /// The file's bytes, and its name (the last segment).
    case file(Data, name: String)
    /// No regular file, or not one the preview may serve.
    case notFound
    /// The path cannot be decoded.
    case badRequest
    /// The file exists but could not be read now (no descriptor left, say).
    case unavailable(String)
  }

  /// The largest file served; the site's pages are far smaller.
  static let maxBytes = 64 << 20

  /// The decoded segments of `path` (the target without its query), with `index.html`
  /// added for a folder; or why there are none.
  static func segments(of path: String) -> Result<[String], Refusal> {
    var segments: [String] = []
    for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
      guard let segment = String(raw).removingPercentEncoding else { return .failure(.badEncoding) }
      if segment.isEmpty { continue }
      if segment.hasPrefix(".") || segment.contains("/") || segment.contains("\0") { return .failure(.hidden) }
      segments.append(segment)
    }
    if segments.isEmpty || path.hasSuffix("/") { segments.append("index.html") }
    return .success(segments)
  }

  /// Why a path names no servable file before any lookup.
  enum Refusal: Error {
    /// A segment is not valid percent-encoded UTF-8.
    case badEncoding
    /// A segment is hidden (`.` first), a parent reference, or holds `/` or NUL.
    case hidden
  }

  /// Looks `path` up under `root`.
  static func read(path: String, under root: URL) -> Lookup {
    let segments: [String]
    switch self.segments(of: path) {
    case .success(let found): segments = found
    case .failure(.badEncoding): return .badRequest
    case .failure(.hidden): return .notFound
    }
    var folder = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { return failure(errno) }
    defer { close(folder) }
    for name in segments.dropLast() {
      let next = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      guard next >= 0 else { return failure(errno) }
      close(folder)
      folder = next
    }
    let name = segments[segments.count - 1]
    let file = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard file >= 0 else { return failure(errno) }
    defer { close(file) }
    var status = stat()
    guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= maxBytes else {
      return .notFound
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = Glibc.read(file, &buffer, buffer.count)
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        return failure(errno)
      }
      data.append(contentsOf: buffer[0..<count])
    }
    return .file(data, name: name)
  }

  /// A lookup that failed with `code`: missing, a link or a non-folder is not found;
  /// running out of descriptors or memory is a passing failure.
  private static func failure(_ code: Int32) -> Lookup {
    switch code {
    case EMFILE, ENFILE, ENOMEM, EAGAIN, EINTR: return .unavailable(String(cString: strerror(code)))
    default: return .notFound
    }
  }
}
