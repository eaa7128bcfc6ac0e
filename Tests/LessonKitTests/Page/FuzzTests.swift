import Foundation
import LessonKit
import Testing

/// Random lessons (no Swift cells, so nothing runs) must give well-formed pages that
/// hold no lesson text as markup (see ``PageChecker``), with their own text standing in
/// for what each cell printed.
///
/// `swift test --filter Fuzz` runs a fixed set of cases; for a longer run:
///
///     UNROLLED_FUZZ_CASES=100000 swift test --filter Fuzz
///
/// `UNROLLED_FUZZ_SEED` starts elsewhere, and `UNROLLED_FUZZ_CASE=N` runs case N alone.
/// A failing case is written to a temporary folder named in the failure; turn it into a
/// `Fixtures/markup-….md` fixture with a test of its own.
@Suite struct FuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  static let seed = UInt64(environment["UNROLLED_FUZZ_SEED"] ?? "") ?? 20_261_123
  static let cases = Int(environment["UNROLLED_FUZZ_CASES"] ?? "") ?? 1500

  @Test func randomLessonsGiveWellFormedPages() throws {
    let only = Int(Self.environment["UNROLLED_FUZZ_CASE"] ?? "")
    var failures = 0
    for number in only.map({ [$0] }) ?? Array(0..<Self.cases) {
      let sources = Self.lessons(case: number)
      var problems = Self.problems(sources)
      if number % 10 == 0 {
        let site = { Markup.site(sources.map { LessonParser.parse($0.text, path: "Lessons/\($0.slug).md") }) }
        if site() != site() { problems.append("two renderings of the same lessons differ") }
      }
      guard !problems.isEmpty else { continue }
      failures += 1
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unrolled-fuzz-\(Self.seed)-\(number)")
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (i, source) in sources.enumerated() {
        try? Data(source.text.utf8).write(to: folder.appendingPathComponent("\(i).md"))
      }
      Issue.record(
        """
        fuzz case \(number) (UNROLLED_FUZZ_SEED=\(Self.seed) UNROLLED_FUZZ_CASE=\(number)), lessons in \(folder.path):
        \(problems.prefix(5).joined(separator: "\n"))
        """)
      if failures >= 5 { break }
    }
    print("fuzz: \(only == nil ? Self.cases : 1) cases from seed \(Self.seed), \(failures) failing")
  }

  /// The lessons of case `number`: one to three, each with a file name and a text.
  static func lessons(case number: Int) -> [(slug: String, text: String)] {
    var generator = FuzzGenerator(seed: seed &+ UInt64(number) &* 0x9E37_79B9_7F4A_7C15)
    return (0..<(number % 3 + 1)).map { _ in generator.lesson() }
  }

  /// Everything wrong with the site of `sources`.
  static func problems(_ sources: [(slug: String, text: String)]) -> [String] {
    let lessons = sources.map { LessonParser.parse($0.text, path: "Lessons/\($0.slug).md") }
    var problems: [String] = []
    let forged = sources.contains { $0.text.contains("NROLLEDMATH") }
    // What the cells "printed" is the lesson's own hostile text (nothing runs): output,
    // errors and lesson errors must be escaped like everything else.
    let ran = zip(lessons, sources).map { lesson, source in
      var run = LessonRun()
      let text = String(source.text.unicodeScalars.prefix(300))
      for cell in lesson.cells {
        run.cells[cell.index] = CellResult(
          output: text,
          failure: cell.index % 2 == 0 ? nil : .runtimeError(.trapped, line: cell.codeLine, detail: text))
      }
      if lesson.cells.isEmpty { run.lessonErrors = [Diagnostic(file: lesson.path, line: 1, message: text)] }
      return RanLesson(lesson: lesson, run: run)
    }
    // Each lesson again as a translation: the Chinese pages, their links between the
    // languages and the links their prose is given, from the same hostile text.
    let translated = ran.map { original in
      var lesson = original.lesson
      lesson.edition = .chinese
      return RanLesson(lesson: lesson, run: original.run)
    }
    for (name, page) in SiteWriter.files(for: ran + translated) where name.hasSuffix(".html") {
      problems += PageChecker.problems(in: page).map { "\(name): \($0)" }
      if page.contains("UNROLLEDMATHQ") || (!forged && page.contains("UNROLLEDMATH")) {
        problems.append("\(name): a math placeholder was left on the page")
      }
    }
    for (lesson, source) in zip(lessons, sources) {
      let lines = source.text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
      for diagnostic in lesson.diagnostics where !(1...(lines.count + 1)).contains(diagnostic.line) {
        problems.append("diagnostic on line \(diagnostic.line) of \(lines.count): \(diagnostic)")
      }
    }
    return problems
  }
}
