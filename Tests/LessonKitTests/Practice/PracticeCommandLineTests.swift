import Foundation
import Testing

/// `unrolled practice`, `check` and `grade` from the command line: the files they
/// write, the lines they print and their exit statuses.
@Suite struct PracticeCommandLineTests {
  let command = CourseCommandLineTests()

  /// A lessons folder holding the practice fixture as lesson 01.
  func course(in folder: URL) throws -> URL {
    let lessons = folder.appendingPathComponent("lessons")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Paths.fixtures.appendingPathComponent("practice.md"), to: lessons.appendingPathComponent("01-practice.md"))
    return lessons
  }

  /// A practice file is written once; a learner's edits are kept without --force.
  @Test func practiceNeverOverwritesEditsWithoutForce() throws {
    try withTemporaryFolder { folder in
      let lessons = try course(in: folder)
      let into = folder.appendingPathComponent("practice")
      let arguments = ["practice", "01", "--lessons", lessons.path, "--into", into.path]
      let first = try command.unrolled(arguments)
      #expect(first.status == 0)
      #expect(first.output.contains("wrote \(into.path)/01-practice.md (exercises: step, run-steps)"))
      let file = into.appendingPathComponent("01-practice.md")
      #expect(FileManager.default.fileExists(atPath: into.appendingPathComponent("README.md").path))
      let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "return 0", with: "return 1")
      try edited.write(to: file, atomically: true, encoding: .utf8)
      let again = try command.unrolled(arguments)
      #expect(again.status == 0)
      #expect(again.output.contains("kept \(into.path)/01-practice.md: it differs from a fresh copy"))
      #expect(try String(contentsOf: file, encoding: .utf8) == edited)
      let forced = try command.unrolled(arguments + ["--force"])
      #expect(forced.status == 0)
      #expect(try String(contentsOf: file, encoding: .utf8) != edited)
    }
  }

  /// The Chinese edition practises too: `practice --lang zh` writes the translation's
  /// practice file into DIR/zh, headed in Chinese and naming `zh/NN-slug`, and `check`
  /// runs an attempt in the translation; a lesson without one is refused.
  @Test func chinesePracticeFilesAreCheckedAgainstTheTranslation() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    try withTemporaryFolder { folder in
      let lessons = try course(in: folder)
      let zh = lessons.appendingPathComponent("zh")
      try FileManager.default.createDirectory(at: zh, withIntermediateDirectories: true)
      let english = try String(contentsOf: lessons.appendingPathComponent("01-practice.md"), encoding: .utf8)
      let title = english.split(separator: "\n").first { $0.hasPrefix("# ") }!
      try english.replacingOccurrences(of: title, with: "# 练习课")
        .write(to: zh.appendingPathComponent("01-practice.md"), atomically: true, encoding: .utf8)
      let into = folder.appendingPathComponent("practice")
      let wrote = try command.unrolled([
        "practice", "--lang", "zh", "01", "--lessons", lessons.path, "--into", into.path,
      ])
      #expect(wrote.status == 0, "\(wrote.errors)")
      let file = into.appendingPathComponent("zh/01-practice.md")
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(text.hasPrefix("<!-- practice of zh/01-practice："))
      #expect(text.contains("# 练习课"))
      #expect(try String(contentsOf: into.appendingPathComponent("zh/README.md"), encoding: .utf8).hasPrefix("# 练习文件"))
      let starter = try command.unrolled(["check", file.path, "--lessons", lessons.path])
      #expect(starter.status == 1)
      let solved = text.replacingOccurrences(
        of: "  // your code here\n  return 0\n", with: "  tanh(0.5 * x + 0.8 * h)\n"
      )
      .replacingOccurrences(
        of: "  // your code here\n  return []\n",
        with: "  var h = 0.0\n  return xs.map { h = step($0, h); return h }\n")
      try solved.write(to: file, atomically: true, encoding: .utf8)
      let passed = try command.unrolled(["check", file.path, "--lessons", lessons.path])
      #expect(passed.status == 0, "\(passed.output)\(passed.errors)")
      #expect(passed.output.contains("  step: passed (4 of 4 checks)"))
      // A class's Chinese submissions are graded against the translation.
      let submissions = folder.appendingPathComponent("submissions")
      try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
      try solved.write(to: submissions.appendingPathComponent("ana.md"), atomically: true, encoding: .utf8)
      try text.write(to: submissions.appendingPathComponent("ben.md"), atomically: true, encoding: .utf8)
      let output = folder.appendingPathComponent("grades")
      let graded = try command.unrolled([
        "grade", "zh/01", "--lessons", lessons.path, "--submissions", submissions.path, "--output", output.path,
      ])
      #expect(graded.status == 0, "\(graded.output)\(graded.errors)")
      let csv = try String(contentsOf: output.appendingPathComponent("grades.csv"), encoding: .utf8)
      #expect(csv.contains("ana,step,4,4,passed"))
      #expect(csv.contains("ben,step,"))
      #expect(!csv.contains("ben,step,4,4,passed"))
      try FileManager.default.removeItem(at: zh.appendingPathComponent("01-practice.md"))
      let missing = try command.unrolled([
        "practice", "--lang", "zh", "01", "--lessons", lessons.path, "--into", into.path,
      ])
      #expect(missing.status == 2)
      #expect(missing.errors.contains("has no Chinese translation yet"))
      let ungraded = try command.unrolled([
        "grade", "zh/01", "--lessons", lessons.path, "--submissions", submissions.path, "--output", output.path,
      ])
      #expect(ungraded.status == 2)
      #expect(ungraded.errors.contains("has no Chinese translation yet"))
      let unchecked = try command.unrolled(["check", file.path, "--lessons", lessons.path])
      #expect(unchecked.status == 2)
      #expect(unchecked.errors.contains("\(file.path): "))
    }
  }

  /// `check` exits 1 for a starter, 0 when every exercise passes, 2 for bad usage.
  @Test func checkSaysOneLinePerExerciseWithItsStatus() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    try withTemporaryFolder { folder in
      let lessons = try course(in: folder)
      let into = folder.appendingPathComponent("practice")
      _ = try command.unrolled(["practice", "01", "--lessons", lessons.path, "--into", into.path])
      let file = into.appendingPathComponent("01-practice.md")
      let starter = try command.unrolled(["check", file.path, "--lessons", lessons.path])
      #expect(starter.status == 1)
      #expect(starter.output.contains("  step: failed: check step-at-1-0: expected 0.462117, got 0.000000"))
      let solved = try String(contentsOf: file, encoding: .utf8)
        .replacingOccurrences(of: "  // your code here\n  return 0\n", with: "  tanh(0.5 * x + 0.8 * h)\n")
        .replacingOccurrences(
          of: "  // your code here\n  return []\n",
          with: "  var h = 0.0\n  return xs.map { h = step($0, h); return h }\n")
      try solved.write(to: file, atomically: true, encoding: .utf8)
      let passed = try command.unrolled(["check", file.path, "--lessons", lessons.path])
      #expect(passed.status == 0, "\(passed.output)\(passed.errors)")
      #expect(passed.output == "\(file.path)\n  step: passed (4 of 4 checks)\n  run-steps: passed (2 of 2 checks)\n")
      let missing = try command.unrolled(["check", folder.appendingPathComponent("nothing.md").path])
      #expect(missing.status == 2)
      #expect(try command.unrolled(["check", file.path, "--timeout", "0"]).status == 2)
    }
  }

  /// `grade` exits 0 whatever the scores, and writes the table and the pages.
  @Test func gradeWritesTheTableAndOnePagePerStudent() throws {
    try #require(Shared.capabilities.namespaces, "the strict profile needs namespaces")
    try withTemporaryFolder { folder in
      let lessons = try course(in: folder)
      let submissions = folder.appendingPathComponent("class")
      _ = try command.unrolled(["practice", "01", "--lessons", lessons.path, "--into", submissions.path])
      try FileManager.default.removeItem(at: submissions.appendingPathComponent("README.md"))
      try FileManager.default.moveItem(
        at: submissions.appendingPathComponent("01-practice.md"), to: submissions.appendingPathComponent("dan.md"))
      let output = folder.appendingPathComponent("grades")
      let ended = try command.unrolled([
        "grade", "01", "--lessons", lessons.path, "--submissions", submissions.path, "--output", output.path,
      ])
      #expect(ended.status == 0, "\(ended.errors)")
      #expect(ended.output.contains("  dan: 1 of 6 checks (step failed, run-steps failed)"))
      let csv = try String(contentsOf: output.appendingPathComponent("grades.csv"), encoding: .utf8)
      #expect(csv.hasSuffix("dan,step,1,4,failed\ndan,run-steps,0,2,failed\n"))
      #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("feedback/dan.html").path))
    }
  }
}
