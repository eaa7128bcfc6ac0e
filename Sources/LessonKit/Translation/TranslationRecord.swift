import Foundation

/// Which version of its original a translation follows: a fingerprint of each paragraph of
/// the original's prose, recorded when the translation was brought up to date
/// (`unrolled translations --mark NN`), in a small file of its own per lesson,
/// `Lessons/zh/.translated/NN-slug.txt`, so translators of different lessons never touch
/// the same file.
///
/// Only prose is fingerprinted: code fences (cells and `output` blocks) are left out,
/// since the same-code and same-numbers rules already catch a change to them. A
/// paragraph is a run of non-blank lines outside code fences (a heading, a list, a table
/// and an HTML comment on lines of its own are paragraphs too); white space inside it
/// counts for nothing.
public enum TranslationRecord {
  /// A paragraph of prose.
  public struct Paragraph: Sendable, Equatable {
    /// Its first line in the file.
    public let line: Int
    /// A hash of its text, white space collapsed.
    public let fingerprint: String
    /// Its first words, to recognise it by.
    public let firstWords: String
  }

  /// How a translation stands against its original's prose.
  public enum State: Sendable, Equatable {
    /// It follows the original's current prose.
    case current
    /// The original's prose changed since it was recorded: the paragraphs that are new
    /// or changed, and the first words of recorded paragraphs that are gone. With no
    /// record at all, every paragraph is new.
    case stale(changed: [Paragraph], removed: [String], recorded: Bool)
    /// The lesson has no translation.
    case missing

    /// `current`, `stale` or `missing`.
    public var name: String {
      switch self {
      case .current: "current"
      case .stale: "stale"
      case .missing: "missing"
      }
    }

    /// What changed, in words (empty when nothing did).
    public var changes: String {
      guard case .stale(let changed, let removed, let recorded) = self else { return "" }
      guard recorded else { return "never marked: run unrolled translations --mark once it is up to date" }
      let lines = changed.map { "line \($0.line) “\($0.firstWords)”" } + removed.map { "removed “\($0)”" }
      return lines.joined(separator: "; ")
    }
  }

  /// The folder, beside the translations, that holds the records.
  public static let folderName = ".translated"

  /// The record file of the translation at `path` (`Lessons/zh/07-x.md` has
  /// `Lessons/zh/.translated/07-x.txt`).
  public static func recordPath(forTranslation path: String) -> String {
    let url = URL(fileURLWithPath: path)
    let slug = url.deletingPathExtension().lastPathComponent
    let folder = (path as NSString).deletingLastPathComponent
    return (folder.isEmpty ? "" : folder + "/") + folderName + "/" + slug + ".txt"
  }

  /// The paragraphs of prose of a Markdown file's text, in order.
  public static func paragraphs(of source: String) -> [Paragraph] {
    var found: [Paragraph] = []
    var current: [Substring] = []
    var start = 0
    var fences = FenceTracker()
    func close() {
      if !current.isEmpty {
        let text = current.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        found.append(Paragraph(line: start, fingerprint: fingerprint(text), firstWords: firstWords(of: text)))
      }
      current = []
    }
    for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      switch fences.role(of: line) {
      case .opening:
        close()
        continue
      case .code: continue
      case .prose: break
      }
      if line.allSatisfy(\.isWhitespace) {
        close()
        continue
      }
      if current.isEmpty { start = index + 1 }
      current.append(line)
    }
    close()
    return found
  }

  /// A short hash of a paragraph's text.
  static func fingerprint(_ text: String) -> String { String(SHA256.hex(text).prefix(16)) }

  /// The first words of a paragraph, up to about fifty characters.
  static func firstWords(of text: String) -> String {
    guard text.count > 50 else { return text }
    let cut = text.prefix(50)
    if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > 20 {
      return String(cut[..<space]) + " …"
    }
    return String(cut) + "…"
  }

  /// The text of the record for a translation of `original` (a lesson file's text, at
  /// `originalPath`): one line per paragraph, its fingerprint and first words.
  public static func record(of original: String, originalPath: String) -> String {
    "# The prose of \(originalPath) that this translation follows, one paragraph a line.\n"
      + "# Written by `unrolled translations --mark`; compared by `unrolled translations`.\n"
      + paragraphs(of: original).map { "\($0.fingerprint) \($0.firstWords)\n" }.joined()
  }

  /// The recorded paragraphs (fingerprint and first words) of a record's text.
  static func recorded(in text: String) -> [(fingerprint: String, firstWords: String)] {
    text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
      let parts = line.split(separator: " ", maxSplits: 1)
      guard let fingerprint = parts.first else { return nil }
      return (String(fingerprint), parts.count > 1 ? String(parts[1]) : "")
    }
  }

  /// How a translation at `translationPath` stands against `original`, the text of its
  /// original lesson file now.
  public static func state(translationPath: String, original: String) -> State {
    guard FileManager.default.fileExists(atPath: translationPath) else { return .missing }
    let now = paragraphs(of: original)
    guard let data = FileManager.default.contents(atPath: recordPath(forTranslation: translationPath)) else {
      return .stale(changed: now, removed: [], recorded: false)
    }
    var unmatched = recorded(in: String(decoding: data, as: UTF8.self))
    var changed: [Paragraph] = []
    for paragraph in now {
      if let match = unmatched.firstIndex(where: { $0.fingerprint == paragraph.fingerprint }) {
        unmatched.remove(at: match)
      } else {
        changed.append(paragraph)
      }
    }
    if changed.isEmpty && unmatched.isEmpty { return .current }
    return .stale(changed: changed, removed: unmatched.map(\.firstWords), recorded: true)
  }

  /// A warning naming a stale translation and what changed in its original (or that it
  /// was never marked), or `nil` when it is current.
  /// A relative `translationPath` is read from `base` (the working directory by default)
  /// and named as given.
  public static func warning(
    translationPath: String, originalPath: String, original: String, relativeTo base: URL? = nil
  )
    -> Diagnostic?
  {
    let file = base.map {
      translationPath.hasPrefix("/") ? translationPath : $0.appendingPathComponent(translationPath).path
    }
    let state = state(translationPath: file ?? translationPath, original: original)
    guard case .stale(_, _, let recorded) = state else { return nil }
    let slug = URL(fileURLWithPath: translationPath).deletingPathExtension().lastPathComponent
    let mark = "unrolled translations --mark \(slug.prefix { $0 != "-" })"
    return Diagnostic(
      file: translationPath, line: 1, severity: .warning,
      message: recorded
        ? "this translation is stale: the prose of \(originalPath) changed since it was marked: \(state.changes); "
          + "bring it up to date, then run \(mark)"
        : "this translation records no version of \(originalPath): run \(mark) once it follows it")
  }
}
