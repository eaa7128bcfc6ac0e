import Foundation

/// Writes the rendered site into a folder all at once: a build stopped at any moment
/// leaves the previous site whole.
///
/// The new site is written next to the old one and the two folders are exchanged in one
/// step (Linux's `renameat2` with `RENAME_EXCHANGE`); then the old one is deleted.
public enum SiteWriter {
  /// The site's files by name: `index.html`, `style.css` and one page per lesson.
  public static func files(for lessons: [RanLesson]) -> [String: String] {
    var files = ["index.html": PageRenderer.index(lessons), "style.css": Stylesheet.css]
    for (i, ran) in lessons.enumerated() {
      files["\(ran.lesson.slug).html"] = PageRenderer.page(
        ran, previous: i > 0 ? lessons[i - 1].lesson : nil, next: i + 1 < lessons.count ? lessons[i + 1].lesson : nil)
    }
    return files
  }

  /// The names of files in `folder` whose contents differ from `files`, or that are
  /// missing or extra: empty when the folder holds exactly this site.
  public static func differences(_ files: [String: String], in folder: URL) -> [String] {
    let present = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    var differing: [String] = []
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
      let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
      if data != Data(text.utf8) { differing.append(name) }
    }
    differing += present.subtracting(files.keys).sorted().map { "\($0) (not part of the site)" }
    return differing
  }

  /// Replaces `folder` with exactly `files`, atomically.
  public static func write(_ files: [String: String], to folder: URL) throws {
    let parent = folder.deletingLastPathComponent()
    let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(getpid())")
    try? FileManager.default.removeItem(at: staging)
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    for (name, text) in files {
      try Data(text.utf8).write(to: staging.appendingPathComponent(name))
    }
    if !FileManager.default.fileExists(atPath: folder.path) {
      guard rename(staging.path, folder.path) == 0 else { throw SetupError("cannot create \(folder.path)") }
      return
    }
    guard exchange(staging.path, folder.path) else {
      throw SetupError("cannot replace \(folder.path) atomically (renameat2 failed: errno \(errno))")
    }
    try? FileManager.default.removeItem(at: staging)  // now the old site
    // Leftovers of builds that were killed before they could swap.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    where name.hasPrefix(".\(folder.lastPathComponent).new-") {
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
    }
  }

  /// Swaps two paths in one step, with Linux's renameat2(RENAME_EXCHANGE), looked up in
  /// the C library at run time (Swift's Glibc module does not declare it).
  private static func exchange(_ a: String, _ b: String) -> Bool {
    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
    let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
    let renameExchange: UInt32 = 2
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
  }
}
