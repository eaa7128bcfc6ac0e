import Foundation

/// Answers worked out once and kept as files, named by a hash of the question, so a
/// later process finds them instead of working them out again. Writes are atomic, so
/// processes may share a memo; a missing or unreadable answer is worked out again.
public struct DiskMemo: Sendable {
  /// The folder of answers.
  public let folder: URL
  /// Words that stand for the code that works out the answers (a hash of its source):
  /// when that code changes, old answers are not used.
  public let version: String

  /// A memo kept in `folder` for answers worked out by code of `version`.
  public init(folder: URL, version: String) {
    self.folder = folder
    self.version = version
  }

  /// The answer to `question`, from the memo or from `work` (then kept).
  public func value(for question: String, _ work: () -> String) -> String {
    let file = folder.appendingPathComponent(SHA256.hex(version + "\u{0}" + question))
    if let data = FileManager.default.contents(atPath: file.path) {
      return String(decoding: data, as: UTF8.self)
    }
    let answer = work()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = file.appendingPathExtension("tmp-\(UUID().uuidString)")
    if FileManager.default.createFile(atPath: temporary.path, contents: Data(answer.utf8)),
      rename(temporary.path, file.path) != 0
    {
      try? FileManager.default.removeItem(at: temporary)
    }
    return answer
  }
}
