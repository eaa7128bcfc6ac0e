import Foundation

/// Writes the rendered site into a folder all at once: a build stopped at any moment
/// leaves the previous site whole.
///
/// The new site is written next to the old one and the two folders are exchanged in one
/// step (Linux's `renameat2` with `RENAME_EXCHANGE`); then the old one is deleted.
///
/// It never deletes what it did not write. Every site it writes holds a marker file,
/// ``marker``, that lists the site's files; a folder is replaced only when it is empty,
/// when it holds a marker and nothing the marker does not list, or when it is a site
/// written before the marker existed (an `index.html` and nothing but `.html`, `.css`
/// and `.svg` files). Anything else (the lessons folder, a folder of your own, a site
/// to which you added a file) is refused with an error that says why.
public enum SiteWriter {
  /// The name of the file that marks a folder as a site written by ``write(_:to:)``.
  public static let marker = ".unrolled-site"

  /// What the marker of a site of `names` says: what the folder is, and its files.
  static func markerText(for names: some Sequence<String>) -> String {
    "This folder is a site written by `unrolled build`, which replaces it whole on every build.\n"
      + "Its files:\n" + names.filter { $0 != marker }.sorted().map { $0 + "\n" }.joined()
  }

  /// The names a marker lists.
  private static func names(inMarker text: String) -> Set<String> {
    Set(text.split(separator: "\n").dropFirst(2).map(String.init))
  }

  /// The site's files by name: `index.html`, `style.css` and one page per lesson; with
  /// translations (lessons of the Chinese edition) or a `glossary`, the Chinese site in
  /// `zh/` too (its index, a page per translated lesson, the glossary), every page
  /// linked to its counterpart in the other language.
  public static func files(for lessons: [RanLesson], glossary: Lesson? = nil) -> [String: String] {
    let english = lessons.filter { $0.lesson.edition == .english }
    let chinese = lessons.filter { $0.lesson.edition == .chinese }
    let zh = Edition.chinese.folder ?? "zh"
    let bilingual = !chinese.isEmpty || glossary != nil
    let translated = Set(chinese.map(\.lesson.slug))
    var files = [
      "index.html": PageRenderer.index(
        english, language: bilingual ? .init(href: "\(zh)/index.html", edition: .chinese) : nil),
      "style.css": Stylesheet.css,
    ]
    let englishSlugs = Set(english.map(\.lesson.slug))
    for (i, ran) in english.enumerated() {
      let slug = ran.lesson.slug
      let language: PageRenderer.LanguageLink? =
        !bilingual
        ? nil
        : translated.contains(slug)
          ? .init(href: "\(zh)/\(percentEncodedPathSegment(slug + ".html"))", edition: .chinese)
          : .init(href: "\(zh)/index.html", edition: .chinese, isCounterpart: false)
      files["\(slug).html"] = PageRenderer.page(
        ran, previous: i > 0 ? english[i - 1].lesson : nil, next: i + 1 < english.count ? english[i + 1].lesson : nil,
        language: language, siblings: englishSlugs)
    }
    guard bilingual else { return files }
    files["\(zh)/index.html"] = PageRenderer.index(
      chinese, edition: .chinese, untranslated: english.map(\.lesson).filter { !translated.contains($0.slug) },
      language: .init(href: "../index.html", edition: .english), glossary: glossary != nil)
    for (i, ran) in chinese.enumerated() {
      let slug = ran.lesson.slug
      files["\(zh)/\(slug).html"] = PageRenderer.page(
        ran, previous: i > 0 ? chinese[i - 1].lesson : nil, next: i + 1 < chinese.count ? chinese[i + 1].lesson : nil,
        language: englishSlugs.contains(slug)
          ? .init(href: "../\(percentEncodedPathSegment(slug + ".html"))", edition: .english) : nil,
        siblings: translated)
    }
    if let glossary {
      files["\(zh)/glossary.html"] = PageRenderer.page(
        RanLesson(lesson: glossary, run: LessonRun()), previous: nil, next: nil, siblings: translated)
    }
    return files
  }

  /// The names of files in `folder` whose contents differ from `files` (and the marker
  /// that ``write(_:to:)`` adds), or that are missing or extra: empty when the folder
  /// holds exactly what writing `files` would leave there.
  /// `assets` are files written byte for byte (see ``SiteAssets``).
  public static func differences(_ files: [String: String], assets: [String: Data] = [:], in folder: URL) -> [String] {
    let expected = withMarker(files, assets: assets)
    let present = Set(
      ((try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []).filter { name in
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
        return !isFolder.boolValue
      })
    var differing: [String] = []
    for (name, bytes) in expected.sorted(by: { $0.key < $1.key }) {
      let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
      if data != bytes { differing.append(name) }
    }
    differing += present.subtracting(expected.keys).sorted().map { "\($0) (not part of the site)" }
    return differing
  }

  /// Replaces `folder` with exactly `files`, `assets` (written byte for byte) and the
  /// marker, atomically; throws, touching nothing, when `folder` holds anything that is
  /// not a site (see ``SiteWriter``).
  public static func write(_ files: [String: String], assets: [String: Data] = [:], to folder: URL) throws {
    let folder = folder.standardizedFileURL
    let exists = try checkReplaceable(folder)
    let parent = folder.deletingLastPathComponent()
    let staging = parent.appendingPathComponent("\(stagingPrefix(folder))\(getpid())")
    removeIfOurs(staging)
    do {
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw SetupError("cannot write the site next to \(folder.path): \(error.localizedDescription)")
    }
    // The marker first: a folder left by a build killed while writing is known as ours.
    let all = withMarker(files, assets: assets)
    try all[marker]!.write(to: staging.appendingPathComponent(marker))
    for (name, bytes) in all.sorted(by: { $0.key < $1.key }) where name != marker {
      let file = staging.appendingPathComponent(name)
      // The site's own folders: the figures and each translation's pages.
      let folders = [SiteAssets.figuresFolder] + Edition.allCases.compactMap(\.folder)
      if folders.contains(where: { name.hasPrefix($0 + "/") }) {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      }
      try bytes.write(to: file)
    }
    if !exists {
      guard rename(staging.path, folder.path) == 0 else { throw SetupError("cannot create \(folder.path)") }
    } else {
      guard exchange(staging.path, folder.path) else {
        throw SetupError("cannot replace \(folder.path) atomically (renameat2 failed: errno \(errno))")
      }
      try? FileManager.default.removeItem(at: staging)  // now the old site
    }
    removeLeftovers(of: folder)
  }

  /// `files` and `assets` as bytes, with the marker added.
  private static func withMarker(_ files: [String: String], assets: [String: Data]) -> [String: Data] {
    var all = assets
    for (name, text) in files { all[name] = Data(text.utf8) }
    all[marker] = Data(markerText(for: all.keys).utf8)
    return all
  }

  /// Throws the error ``write(_:to:)`` would throw if `folder` may not be replaced, so a
  /// command can refuse a bad `--output` before it spends minutes running lessons.
  public static func checkCanReplace(_ folder: URL) throws {
    _ = try checkReplaceable(folder.standardizedFileURL)
  }

  /// Whether `folder` exists; throws if it exists and may not be replaced.
  private static func checkReplaceable(_ folder: URL) throws -> Bool {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return false }
    guard isFolder.boolValue else {
      throw SetupError("refusing to write the site to \(folder.path): it is a file, not a folder")
    }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    } catch {
      throw SetupError("cannot read \(folder.path) to check it is a site: \(error.localizedDescription)")
    }
    if names.isEmpty { return true }
    let foreign: [String]
    if names.contains(marker) {
      let text = (try? String(contentsOf: folder.appendingPathComponent(marker), encoding: .utf8)) ?? ""
      // A folder such as `figures` counts as listed when the marker lists files in it.
      let listed = Self.names(inMarker: text)
      let folders = Set(
        listed.compactMap { $0.split(separator: "/").count > 1 ? String($0.split(separator: "/")[0]) : nil })
      foreign = names.filter { $0 != marker && !listed.contains($0) && !folders.contains($0) }.sorted()
      if foreign.isEmpty { return true }
    } else {
      foreign = names.sorted().filter { name in
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
        let isFile = attributes?[.type] as? FileAttributeType == .typeRegular
        return !isFile || ![".html", ".css", ".svg"].contains(where: name.hasSuffix)
      }
      if names.contains("index.html") && foreign.isEmpty { return true }  // a site from before the marker
    }
    let example = foreign.first.map { " such as \($0)" } ?? " (it has no index.html)"
    throw SetupError(
      "refusing to replace \(folder.path): it holds files that unrolled did not write\(example), "
        + "and replacing the folder would delete them. Choose a new or empty folder for the site, "
        + "or move those files away")
  }

  /// The name of a folder being written next to `folder`, without the process id.
  private static func stagingPrefix(_ folder: URL) -> String { ".\(folder.lastPathComponent).new-" }

  /// Deletes folders left next to `folder` by builds that were killed before they could
  /// swap: only those named like ours, by a process that is gone, holding our marker or
  /// nothing at all.
  private static func removeLeftovers(of folder: URL) {
    let parent = folder.deletingLastPathComponent()
    let prefix = stagingPrefix(folder)
    for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count)), !isRunning(pid) else { continue }
      removeIfOurs(parent.appendingPathComponent(name))
    }
  }

  /// Deletes `folder` if it holds our marker or nothing at all.
  private static func removeIfOurs(_ folder: URL) {
    guard let contents = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
      contents.isEmpty || contents.contains(marker)
    else { return }
    try? FileManager.default.removeItem(at: folder)
  }

  /// Whether process `pid` is alive (another build writing its own site now).
  private static func isRunning(_ pid: Int32) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
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
