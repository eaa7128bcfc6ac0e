import Foundation
import Testing

@testable import LessonKit

/// The compiler's log read back into diagnostics at the lesson's lines.
@Suite struct CompilerLogTests {
  static let lesson = LessonParser.parse(
    "# L\n\n```swift\nlet a = 1\n```\n\n```swift\nlet b: Int = \"x\"\n```\n", path: "Lessons/01-l.md")

  @Test func errorsGoToTheCellThatHoldsThem() {
    let log = """
      Lessons/01-l.md:8:14: error: cannot convert value of type 'String' to specified type 'Int'
      Lessons/01-l.md:8:14: note: something to say
      /tmp/work/main.swift:120:3: error: elsewhere
      """
    let result = Compiler.read(log: log, succeeded: false, lesson: Self.lesson)
    #expect(
      result.cellErrors[1] == [
        Diagnostic(
          file: "Lessons/01-l.md", line: 8, column: 14,
          message: "cannot convert value of type 'String' to specified type 'Int'")
      ])
    #expect(result.cellErrors[0] == nil)
    #expect(result.lessonErrors.isEmpty)
  }

  @Test func aFailureWithNothingToPlaceKeepsTheWholeLog() {
    let result = Compiler.read(log: "linker says no", succeeded: false, lesson: Self.lesson)
    #expect(result.lessonErrors.count == 1)
    #expect(result.lessonErrors.first?.message.contains("linker says no") == true)
  }

  @Test func slowTypeChecksBecomeOneWarningPerLine() {
    let log = """
      Lessons/01-l.md:4:9: warning: expression took 1500ms to type-check (limit: 1000ms)
      Lessons/01-l.md:4:20: warning: expression took 1200ms to type-check (limit: 1000ms)
      """
    let result = Compiler.read(log: log, succeeded: true, lesson: Self.lesson)
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.severity == .warning)
    #expect(
      result.warnings.first?.description.hasPrefix("Lessons/01-l.md:4: warning: this expression took 1500 ms") == true)
  }
}
