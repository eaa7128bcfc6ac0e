import Foundation

/// Translations of the course: where they are, which lesson each translates, and how
/// they run.
///
/// A translation is `Lessons/zh/NN-slug.md` for the lesson `Lessons/NN-slug.md`: the
/// same file name in the edition's folder. It runs with the original's lessons folder
/// as its working directory. When its program differs from the original's only in
/// comments, the original's run is its run too (nothing runs twice); otherwise it runs
/// on its own, cached like any lesson. Either way it must pass ``SameCode`` and
/// ``SameNumbers`` against the original, besides its own doc-test and claims.
public enum Translations {
  /// Files in an edition's folder that are not lessons.
  static let notLessons: Set<String> = ["readme.md", "glossary.md"]

  /// The translation files of `edition` in the lessons folder `folder`, sorted by name;
  /// none when the edition has no folder there.
  public static func files(in folder: String, edition: Edition = .chinese) -> [String] {
    guard let name = edition.folder else { return [] }
    let sub = (folder.hasSuffix("/") ? folder : folder + "/") + name
    let names = (try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []
    return names.filter { $0.hasSuffix(".md") && !notLessons.contains($0.lowercased()) }.sorted().map {
      sub + "/" + $0
    }
  }

  /// The glossary of `edition` in the lessons folder `folder`, read as a page of that
  /// edition (for the site); `nil` when there is none.
  public static func glossaryPage(in folder: String, edition: Edition = .chinese) -> Lesson? {
    guard let name = edition.folder else { return nil }
    let path = (folder.hasSuffix("/") ? folder : folder + "/") + name + "/" + Glossary.fileName
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    var lesson = Course.load(path)
    lesson.edition = edition
    return lesson
  }

  /// The lesson a translation at `path` translates: the same file name one folder up.
  public static func originalPath(ofTranslation path: String) -> String {
    let name = (path as NSString).lastPathComponent
    let lessons = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    return lessons.isEmpty ? name : lessons + "/" + name
  }

  /// Where the translation of the lesson at `path` into `edition` is (whether or not it
  /// exists).
  public static func translationPath(of path: String, edition: Edition = .chinese) -> String {
    let name = (path as NSString).lastPathComponent
    let lessons = (path as NSString).deletingLastPathComponent
    return (lessons.isEmpty ? "" : lessons + "/") + (edition.folder ?? "") + "/" + name
  }

  /// Reads the translation at `path` (from `base` when it is relative, as
  /// ``Course/load(_:relativeTo:)`` does): a lesson of `edition` that runs in its
  /// original's folder.
  public static func load(_ path: String, edition: Edition = .chinese, relativeTo base: URL? = nil) -> Lesson {
    var lesson = Course.load(path, relativeTo: base)
    lesson.edition = edition
    let lessons = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
    lesson.directory = lessons.isEmpty ? "." : lessons
    return lesson
  }

  /// The translations among `paths` whose original is not among `originals`.
  public static func orphans(_ paths: [String], originals: [String]) -> [String] {
    let known = Set(originals.map { ($0 as NSString).standardizingPath })
    return paths.filter { !known.contains((originalPath(ofTranslation: $0) as NSString).standardizingPath) }
  }

  /// The run `translation` takes from its original's: each of its Swift cells gets the
  /// results of the original's cell in the same place.
  static func borrowed(_ run: LessonRun, of original: Lesson, for translation: Lesson) -> LessonRun {
    var borrowed = LessonRun()
    for (cell, originalCell) in zip(SameCode.swiftCells(translation), SameCode.swiftCells(original)) {
      if let result = run.cells[originalCell.index] { borrowed.cells[cell.index] = result }
    }
    borrowed.cached = true
    return borrowed
  }

  /// `translation` with its run judged: its doc-test and claims, same code and same
  /// numbers against its original, the glossary's terms, and a warning when it is stale.
  static func judged(
    _ translation: Lesson, run: LessonRun, comparison: SameCode.Comparison, original: RanLesson, glossary: Glossary?,
    root: URL
  ) -> RanLesson {
    var run = run
    if let stale = TranslationRecord.warning(
      translationPath: translation.path, originalPath: original.lesson.path, original: original.lesson.source,
      relativeTo: root)
    {
      run.warnings.append(stale)
    }
    let numbers = SameNumbers.differences(
      translation, run: run, original: original.lesson, originalRun: original.run)
    let folder = (translation.path as NSString).deletingLastPathComponent
    let terms =
      glossary?.misuses(in: translation, glossaryPath: (folder.isEmpty ? "" : folder + "/") + Glossary.fileName) ?? []
    return RanLesson(lesson: translation, run: run, extraFailures: comparison.differences + numbers + terms)
  }
}

extension Course {
  /// Runs `lessons` and `translations` with at most `jobs` at once, calling `progress` as
  /// each is done, and returns the lessons in their order, then the translations in
  /// theirs. A translation's original is run too (and returned among the lessons) when
  /// `lessons` does not hold it; each translation's original must exist (see
  /// ``Translations/orphans(_:originals:)``).
  public static func run(
    _ lessons: [Lesson], translations: [Lesson], with runner: LessonRunner, jobs: Int,
    progress: @escaping @Sendable (RanLesson) -> Void
  ) -> [RanLesson] {
    var toRun = lessons
    for translation in translations {
      let path = Translations.originalPath(ofTranslation: translation.path)
      if !toRun.contains(where: { $0.path == path }) { toRun.append(Course.load(path, relativeTo: runner.root)) }
    }
    let lessons = toRun
    let originals = translations.map { translation in
      let path = Translations.originalPath(ofTranslation: translation.path)
      return lessons.firstIndex { $0.path == path }!
    }
    let comparisons = parallelMap(Array(zip(translations, originals)), jobs: jobs) { pair in
      SameCode.compare(pair.0, original: lessons[pair.1])
    }
    // The lessons and the translations that cannot borrow a run, all at once; a
    // translation's progress is told once it is judged, below.
    let own = translations.indices.filter { !comparisons[$0].onlyComments }
    let first = parallelMap(
      lessons + own.map { translations[$0] }, jobs: jobs,
      done: { ran in if ran.lesson.edition == .english { progress(ran) } }
    ) { lesson in
      RanLesson(lesson: lesson, run: runner.run(lesson))
    }
    let ran = Array(first.prefix(lessons.count))
    var runs: [Int: LessonRun] = [:]
    for (i, index) in own.enumerated() { runs[index] = first[lessons.count + i].run }
    // A translation whose original failed runs on its own, so that its messages name
    // its own lines.
    let again = translations.indices.filter { runs[$0] == nil && ran[originals[$0]].run.failed }
    let second = parallelMap(again, jobs: jobs) { runner.run(translations[$0]) }
    for (i, index) in again.enumerated() { runs[index] = second[i] }
    let judged = translations.indices.map { index in
      let original = ran[originals[index]]
      let run = runs[index] ?? Translations.borrowed(original.run, of: original.lesson, for: translations[index])
      let path = translations[index].path
      let folder = (path.hasPrefix("/") ? path : runner.root.appendingPathComponent(path).path) as NSString
      let result = Translations.judged(
        translations[index], run: run, comparison: comparisons[index], original: original,
        glossary: Glossary.load(folder: folder.deletingLastPathComponent), root: runner.root)
      progress(result)
      return result
    }
    return ran + judged
  }
}
