import Foundation
import Testing

/// `unrolled test`, `unrolled translations` and their messages, on a lessons folder
/// holding the `translation` fixture: an English lesson and its Chinese translation.
@Suite struct TranslationCommandLineTests {
  /// A lessons folder with the fixture, the translation's text changed by `replacing`.
  static func lessons(in folder: URL, replacing: [String: String] = [:]) throws -> String {
    let fixture = Paths.fixtures.appendingPathComponent("translation")
    let lessons = folder.appendingPathComponent("lessons")
    try FileManager.default.createDirectory(at: lessons.appendingPathComponent("zh"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: fixture.appendingPathComponent("01-sums.md"), to: lessons.appendingPathComponent("01-sums.md"))
    var text = try String(contentsOf: fixture.appendingPathComponent("zh/01-sums.md"), encoding: .utf8)
    for (word, replacement) in replacing { text = text.replacingOccurrences(of: word, with: replacement) }
    try text.write(to: lessons.appendingPathComponent("zh/01-sums.md"), atomically: true, encoding: .utf8)
    return lessons.path
  }

  @Test func aNameTestsBothEditionsAndTheRecordFollowsTheEnglishProse() throws {
    let command = CourseCommandLineTests()
    try withTemporaryFolder { folder in
      let lessons = try Self.lessons(in: folder)
      let tested = try command.unrolled(["test", "01", "--lessons", lessons])
      #expect(tested.status == 0, "\(tested.output)\(tested.errors)")
      #expect(tested.output.contains("  01-sums ") && tested.output.contains("  zh/01-sums "), "\(tested.output)")
      #expect(tested.output.contains("2 passed, 0 failed"))
      #expect(tested.errors.contains("zh/01-sums.md:1: warning: this translation records no version"))
      let unmarked = try command.unrolled(["translations", "--lessons", lessons])
      #expect(unmarked.output.contains("01-sums  stale    never marked: unrolled translations --mark 01"))
      let marked = try command.unrolled(["translations", "--lessons", lessons, "--mark", "01"])
      #expect(marked.status == 0)
      #expect(FileManager.default.fileExists(atPath: lessons + "/zh/.translated/01-sums.txt"))
      #expect(try command.unrolled(["translations", "--lessons", lessons]).output.contains("01-sums  current"))
      // The English prose moves on: a warning, and the table says what changed.
      let english = lessons + "/01-sums.md"
      let text = try String(contentsOfFile: english, encoding: .utf8)
      try text.replacingOccurrences(of: "Halving it:", with: "Now halve it:").write(
        toFile: english, atomically: true, encoding: .utf8)
      let stale = try command.unrolled(["test", "zh/01", "--lessons", lessons])
      #expect(stale.status == 0, "a stale translation still passes")
      #expect(stale.errors.contains("warning: this translation is stale"), "\(stale.errors)")
      #expect(stale.errors.contains("line 18 “Now halve it:”; removed “Halving it:”"), "\(stale.errors)")
      let table = try command.unrolled(["translations", "--lessons", lessons]).output
      #expect(table.contains("01-sums  stale    line 18 “Now halve it:”; removed “Halving it:”"), "\(table)")
    }
  }

  /// The deliberate mistakes, as `unrolled test` reports them.
  @Test func mistakesFailTheTestNamingBothFiles() throws {
    let command = CourseCommandLineTests()
    try withTemporaryFolder { folder in
      let lessons = try Self.lessons(in: folder, replacing: ["let scale = 0.5": "let scale = 0.25"])
      let ended = try command.unrolled(["test", lessons + "/zh/01-sums.md", "--lessons", lessons])
      #expect(ended.status == 1)
      #expect(ended.errors.contains("zh/01-sums.md:20: error: the code differs from the original ("), "\(ended.errors)")
      #expect(ended.errors.contains("01-sums.md:21): `0.25` here, `0.5` there"), "\(ended.errors)")
      #expect(ended.errors.contains("zh/01-sums.md:27: error: this cell printed numbers that are not the original's"))
    }
  }

  @Test func aTranslationWithoutAnEnglishLessonIsAnError() throws {
    try withTemporaryFolder { folder in
      let lessons = try Self.lessons(in: folder)
      try "# 无\n".write(toFile: lessons + "/zh/02-none.md", atomically: true, encoding: .utf8)
      let ended = try CourseCommandLineTests().unrolled(["test", "--lessons", lessons])
      #expect(ended.status == 2)
      #expect(ended.errors.contains("zh/02-none.md translates no lesson: there is no "), "\(ended.errors)")
    }
  }
}
