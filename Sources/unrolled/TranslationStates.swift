import ArgumentParser
import Foundation
import LessonKit

/// `unrolled translations`: which translations follow their English lessons' prose.
struct TranslationStates: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "translations",
    abstract: "Show which Chinese lessons are current, stale or missing; --mark records that some are current.")

  @Option(help: "The folder of lesson files.")
  var lessons = "Lessons"

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Record the English prose these lessons' translations now follow (names such as 07).", valueName: "lesson"))
  var mark: [String] = []

  func run() throws {
    var options = try CourseOptions.parse([])
    options.lessons = lessons
    let all = try exitOnSetupFailure { try options.lessonPaths() }
    if !mark.isEmpty {
      let chosen = try exitOnSetupFailure { try options.lessonPaths(mark) }
      for path in chosen {
        let translation = Translations.translationPath(of: path)
        guard FileManager.default.fileExists(atPath: translation) else {
          FileHandle.standardError.write(Data("unrolled: \(translation) does not exist: nothing to mark\n".utf8))
          throw ExitCode(2)
        }
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        let record = TranslationRecord.recordPath(forTranslation: translation)
        try FileManager.default.createDirectory(
          atPath: (record as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(TranslationRecord.record(of: text, originalPath: path).utf8).write(to: URL(fileURLWithPath: record))
        print("marked \(translation) as following \(path) (\(record))")
      }
      return
    }
    let rows = all.map { path -> (String, TranslationRecord.State) in
      let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
      let state = TranslationRecord.state(translationPath: Translations.translationPath(of: path), original: text)
      return (URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, state)
    }
    let width = max(6, rows.map(\.0.count).max() ?? 0)
    print("lesson".padding(toLength: width, withPad: " ", startingAt: 0) + "  state    what changed")
    for (name, state) in rows {
      var changes = state.changes
      if case .stale(_, _, false) = state {
        changes = "never marked: unrolled translations --mark \(name.prefix { $0 != "-" }) once it follows the English"
      }
      let line =
        name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
        + state.name.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + changes
      print(line.trimmingCharacters(in: .whitespaces))
    }
    let counts = ["current", "stale", "missing"].map { kind in "\(rows.filter { $0.1.name == kind }.count) \(kind)" }
    print(counts.joined(separator: ", "))
  }
}
