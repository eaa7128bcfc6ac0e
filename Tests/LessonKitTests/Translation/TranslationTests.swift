import Foundation
import Testing

@testable import LessonKit

/// A translation keeps its original's code and numbers, and says when its original's
/// prose moved on.
@Suite struct TranslationTests {
  /// Copies the `translation` fixture (an English lesson and its Chinese translation,
  /// with `replacing`'s words replaced in the translation) into `folder`, runs both, and
  /// returns the English lesson's results and the translation's.
  static func run(in folder: URL, replacing: [String: String] = [:]) throws -> (english: RanLesson, chinese: RanLesson)
  {
    let fixture = Paths.fixtures.appendingPathComponent("translation")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("zh"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: fixture.appendingPathComponent("01-sums.md"), to: folder.appendingPathComponent("01-sums.md"))
    var text = try String(contentsOf: fixture.appendingPathComponent("zh/01-sums.md"), encoding: .utf8)
    for (word, replacement) in replacing {
      #expect(text.contains(word), "the fixture holds \(word)")
      text = text.replacingOccurrences(of: word, with: replacement)
    }
    try text.write(to: folder.appendingPathComponent("zh/01-sums.md"), atomically: true, encoding: .utf8)
    let english = Course.load(folder.appendingPathComponent("01-sums.md").path)
    let chinese = Translations.load(folder.appendingPathComponent("zh/01-sums.md").path)
    let ran = Course.run([english], translations: [chinese], with: Shared.runner, jobs: 2) { _ in }
    try #require(ran.count == 2)
    return (ran[0], ran[1])
  }

  @Test func aFaithfulTranslationPasses() throws {
    try withTemporaryFolder { folder in
      let (english, chinese) = try Self.run(in: folder)
      #expect(english.failures.isEmpty)
      #expect(chinese.failures.isEmpty, "\(chinese.failures)")
      #expect(chinese.lesson.edition == .chinese)
      // Translated labels print translated words, and the same numbers.
      #expect(chinese.run.cells[0]?.output == "3 步之后：总和 0.16\n")
      // Never marked: a warning, not a failure.
      #expect(chinese.run.warnings.map(\.severity) == [.warning])
    }
  }

  /// A translation that only translates comments borrows its original's run; one that
  /// translates a string literal runs on its own.
  @Test func onlyCommentsMeansTheSameProgram() throws {
    try withTemporaryFolder { folder in
      let (english, chinese) = try Self.run(
        in: folder,
        replacing: [
          "\"\\(xs.count) 步之后：总和 \\(fmt(total, 2))\"": "\"after \\(xs.count) steps: total \\(fmt(total, 2))\"",
          "\"减半\"": "\"scaled\"", "3 步之后：总和 0.16": "after 3 steps: total 0.16", "减半 0.08": "scaled 0.08",
        ])
      #expect(chinese.failures.isEmpty, "\(chinese.failures)")
      #expect(SameCode.compare(chinese.lesson, original: english.lesson).onlyComments)
      #expect(chinese.run.cells[0] == english.run.cells[0])
      let translated = Translations.load(Paths.fixtures.appendingPathComponent("translation/zh/01-sums.md").path)
      #expect(!SameCode.compare(translated, original: english.lesson).onlyComments)
    }
  }

  /// The deliberate same-code mistake: a number of the code changed in translation.
  @Test func changedCodeIsCaught() throws {
    try withTemporaryFolder { folder in
      let (_, chinese) = try Self.run(in: folder, replacing: ["let scale = 0.5": "let scale = 0.25"])
      let message = try #require(chinese.failures.first { $0.message.contains("the code differs") })
      print("same code:", message)
      #expect(message.file.hasSuffix("zh/01-sums.md"))
      #expect(message.line == 20)
      #expect(message.message.contains("`0.25` here, `0.5` there"))
      #expect(message.message.contains("01-sums.md:21"))
    }
  }

  /// Fences must match, and a cell may not go missing.
  @Test func changedFencesAndMissingCellsAreCaught() throws {
    try withTemporaryFolder { folder in
      let (_, chinese) = try Self.run(in: folder, replacing: ["```swift hide": "```swift"])
      let message = try #require(chinese.failures.first { $0.message.contains("fence") })
      #expect(message.line == 19)
      #expect(message.message.contains("```swift hide"))
    }
  }

  /// The deliberate same-numbers mistake: a translated label that says 4 where the
  /// original's says 3. The code is the same (string text may change) and the output
  /// block is what the cell prints, so only the same-numbers rule catches it.
  @Test func changedNumbersAreCaught() throws {
    try withTemporaryFolder { folder in
      let (_, chinese) = try Self.run(
        in: folder, replacing: ["\"\\(xs.count) 步之后": "\"4 步中的 \\(xs.count) 步之后", "3 步之后：": "4 步中的 3 步之后："])
      #expect(chinese.failures.count == 1, "\(chinese.failures)")
      let message = try #require(chinese.failures.first)
      print("same numbers:", message)
      #expect(message.line == 13)
      #expect(message.message.contains("number 1 is 4 here and 3 in the original"))
    }
  }

  @Test func numbersInOutputs() {
    let text = "loss -0.5, t-1, h1, 1e-7, 86.0%, .5, nan, inf, -inf, information, 0.16，[2.5E+03], total 5."
    #expect(
      SameNumbers.numbers(in: text) == [
        "-0.5", "1", "1", "1e-7", "86.0", ".5", "nan", "inf", "-inf", "0.16", "2.5E+03", "5",
      ])
    // A Chinese sentence ends with 。 where an English one ends with a full stop.
    #expect(SameNumbers.numbers(in: "总计：5。") == SameNumbers.numbers(in: "total: 5."))
  }

  /// String text is free; interpolations are code.
  @Test func stringTextIsFreeButInterpolationsAreCode() {
    func code(_ swift: String) -> [String] { CodeTokens.of(swift).filter { $0.kind == .code }.map(\.text) }
    #expect(code("print(\"a \\(x) b\") // one") == code("print(\"\\(x) 甲\") /* 二 */"))
    #expect(code("print(\"a \\(x) b\")") != code("print(\"a \\(y) b\")"))
    #expect(code("let s = \"\"\"\n  one\n  two\n  \"\"\"") == code("let s = \"\"\"\n  一\n  \"\"\""))
  }

  @Test func chineseProseStatesNumbersBesideCharacters() {
    #expect(ClaimCheckProbe.stated("损失为0.16，准确率86.0%。第3步，v1.2") == ["0.16", "86.0%"])
    // A full-width percent sign is a percent sign (the number is printed as 86.0).
    #expect(ClaimCheckProbe.stated("准确率86.0％。") == ["86.0%"])
    #expect(ClaimCheckProbe.occurs("86.0％", in: "accuracy 86.0"))
  }

  /// The record of the English prose a translation follows, and what changes it.
  @Test func staleTranslationsNameTheChangedParagraphs() throws {
    try withTemporaryFolder { folder in
      let english = folder.appendingPathComponent("01-sums.md").path
      let chinese = folder.appendingPathComponent("zh/01-sums.md").path
      let original = try String(
        contentsOf: Paths.fixtures.appendingPathComponent("translation/01-sums.md"), encoding: .utf8)
      #expect(TranslationRecord.state(translationPath: chinese, original: original) == .missing)
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("zh/.translated"), withIntermediateDirectories: true)
      try "# 累加和\n".write(toFile: chinese, atomically: true, encoding: .utf8)
      #expect(TranslationRecord.state(translationPath: chinese, original: original).name == "stale")
      try TranslationRecord.record(of: original, originalPath: english).write(
        toFile: TranslationRecord.recordPath(forTranslation: chinese), atomically: true, encoding: .utf8)
      #expect(TranslationRecord.recordPath(forTranslation: chinese).hasSuffix("zh/.translated/01-sums.txt"))
      #expect(TranslationRecord.state(translationPath: chinese, original: original) == .current)
      // Code and white space are not prose.
      let recoded = original.replacingOccurrences(of: "let scale = 0.5", with: "let scale = 0.25")
        .replacingOccurrences(of: "Halving it:", with: "Halving   it:")
      #expect(TranslationRecord.state(translationPath: chinese, original: recoded) == .current)
      let edited = original.replacingOccurrences(of: "Halving it:", with: "Halving it, again:")
      let state = TranslationRecord.state(translationPath: chinese, original: edited)
      #expect(state.changes == "line 18 “Halving it, again:”; removed “Halving it:”")
      let warning = try #require(
        TranslationRecord.warning(translationPath: chinese, originalPath: english, original: edited))
      #expect(warning.severity == .warning && warning.file == chinese)
      #expect(warning.message.contains("line 18 “Halving it, again:”"))
    }
  }
}
