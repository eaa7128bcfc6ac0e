import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A watched file or folder that exists but could not be read just now (no descriptor
/// left, say): the watcher should try again rather than take it for a change.
public struct FingerprintError: Error, CustomStringConvertible {
  /// The file or folder.
  public let path: String
  /// Why it could not be read.
  public let reason: String

  /// Says which path and why.
  public var description: String { "cannot read \(path): \(reason)" }
}

extension PreviewServer {
  /// One line per file and folder under `folders` (path, mode, size, inode, modification
  /// time to the nanosecond, and for a file a hash of its contents): when the list
  /// changes, something was saved and the site must be rebuilt. A folder that does not
  /// exist adds nothing; symbolic links are listed but not followed.
  ///
  /// The contents are hashed because the metadata alone can miss a save: an edit that
  /// keeps the size, made within one tick of the file system's clock or by a tool that
  /// keeps the modification time, changes none of it. The watched folders hold a few
  /// megabytes at most, so hashing them twice a second is cheap. The hash is seeded per
  /// process: compare fingerprints only within one run.
  ///
  /// - Throws: ``FingerprintError`` when something that exists cannot be read, so that a
  ///   passing failure is not mistaken for an edit.
  public static func fingerprint(of folders: [String]) throws -> [String] {
    var entries: [String] = []
    for folder in folders { try fingerprint(folder: folder, into: &entries) }
    return entries.sorted()
  }

  private static func fingerprint(folder: String, into entries: inout [String]) throws {
    for name in try names(in: folder) {
      let path = folder + "/" + name
      var status = stat()
      guard lstat(path, &status) == 0 else {
        if errno == ENOENT { continue }  // removed since the folder was listed
        throw FingerprintError(path: path, reason: String(cString: strerror(errno)))
      }
      var line = "\(path) \(status.st_mode) \(status.st_size) \(status.st_ino)"
      line += " \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
      switch status.st_mode & S_IFMT {
      case S_IFREG:
        guard let hash = try contentHash(of: path) else { continue }
        entries.append(line + " \(hash)")
      case S_IFDIR:
        entries.append(line)
        try fingerprint(folder: path, into: &entries)
      default:
        entries.append(line)
      }
    }
  }

  /// The names in `folder` but `.` and `..`; none if it does not exist.
  private static func names(in folder: String) throws -> [String] {
    guard let directory = opendir(folder) else {
      if errno == ENOENT || errno == ENOTDIR { return [] }
      throw FingerprintError(path: folder, reason: String(cString: strerror(errno)))
    }
    defer { closedir(directory) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(directory) else {
        if errno != 0 { throw FingerprintError(path: folder, reason: String(cString: strerror(errno))) }
        return names
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name != "." && name != ".." { names.append(name) }
    }
  }

  /// A hash of the file's bytes; `nil` if it was removed before it could be opened.
  private static func contentHash(of path: String) throws -> Int? {
    let file = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard file >= 0 else {
      if errno == ENOENT { return nil }
      throw FingerprintError(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(file) }
    var hasher = Hasher()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(file, &buffer, buffer.count)
      if count == 0 { return hasher.finalize() }
      if count < 0 {
        if errno == EINTR { continue }
        throw FingerprintError(path: path, reason: String(cString: strerror(errno)))
      }
      buffer.withUnsafeBytes { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
  }
}
