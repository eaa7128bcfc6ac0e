import Foundation

/// Grades a class: every submission of one lesson's practice file, in the strict
/// sandbox, several at once; writes `grades.csv` and a feedback page per student.
public struct Grader: Sendable {
  /// A student's work: their name and their practice file (`nil` if none was found).
  public struct Submission: Sendable {
    /// The file's name without `.md`, or the folder's name.
    public var student: String
    /// The practice file.
    public var file: URL?
    /// Why there is no file, if there is none.
    public var problem: String?
  }

  /// A graded submission.
  public struct Graded: Sendable {
    /// The submission.
    public var submission: Submission
    /// One outcome per exercise (every exercise `notRun` when the submission could not
    /// be read or spliced).
    public var outcomes: [ExerciseOutcome]
  }

  /// Runs attempts.
  public let runner: PracticeRunner
  /// The course's lesson.
  public let lesson: Lesson

  /// A grader of `lesson`'s submissions.
  public init(runner: PracticeRunner, lesson: Lesson) {
    self.runner = runner
    self.lesson = lesson
  }

  /// The submissions in `folder`: each `STUDENT.md`, and each folder `STUDENT/` with
  /// the lesson's practice file in it (or a single `.md` file), sorted by student.
  public static func submissions(in folder: URL, lesson: Lesson) throws -> [Submission] {
    let manager = FileManager.default
    var found: [Submission] = []
    for name in try manager.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
      let url = folder.appendingPathComponent(name)
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
      if !isFolder.boolValue {
        guard name.hasSuffix(".md"), name.lowercased() != "readme.md" else { continue }
        found.append(Submission(student: String(name.dropLast(3)), file: url))
        continue
      }
      let files = ((try? manager.contentsOfDirectory(atPath: url.path)) ?? []).filter {
        $0.hasSuffix(".md") && $0.lowercased() != "readme.md"
      }
      if files.contains(PracticeFile.name(for: lesson)) {
        found.append(Submission(student: name, file: url.appendingPathComponent(PracticeFile.name(for: lesson))))
      } else if files.count == 1 {
        found.append(Submission(student: name, file: url.appendingPathComponent(files[0])))
      } else {
        found.append(
          Submission(
            student: name, file: nil,
            problem: files.isEmpty
              ? "no practice file in the folder"
              : "no \(PracticeFile.name(for: lesson)) among the folder's \(files.count) Markdown files"))
      }
    }
    return found
  }

  /// Grades `submissions` against `reference`, at most `jobs` at once, calling
  /// `progress` as each is done; results in the submissions' order.
  public func grade(
    _ submissions: [Submission], reference: LessonRun, jobs: Int, progress: @escaping @Sendable (Graded) -> Void
  ) -> [Graded] {
    parallelMap(submissions, jobs: jobs, done: progress) { submission in grade(submission, reference: reference) }
  }

  /// Grades one submission.
  func grade(_ submission: Submission, reference: LessonRun) -> Graded {
    func unrun(_ why: String) -> Graded {
      let outcomes = lesson.exercises.map { exercise in
        ExerciseOutcome(
          exercise: exercise.name, status: .notRun(why), passed: 0,
          total: exercise.checks.reduce(0) { $0 + (reference.cells[$1.index]?.checks.count ?? 0) },
          visibleChecks: [], printed: "")
      }
      return Graded(submission: submission, outcomes: outcomes)
    }
    guard let file = submission.file else { return unrun(submission.problem ?? "no practice file") }
    guard let data = FileManager.default.contents(atPath: file.path) else { return unrun("cannot read the file") }
    do {
      let (_, outcomes) = try runner.check(
        text: String(decoding: data, as: UTF8.self), file: file.lastPathComponent, course: lesson,
        reference: reference)
      return Graded(submission: submission, outcomes: outcomes)
    } catch {
      return unrun("\(error)")
    }
  }

  /// `grades.csv`: a header, then a row per student and exercise.
  public static func csv(_ graded: [Graded]) -> String {
    func field(_ text: String) -> String {
      let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      // A leading =, +, - or @ would be a formula in a spreadsheet.
      let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
      return needsQuotes ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }
    var lines = ["student,exercise,checks passed,checks total,status"]
    for student in graded {
      for outcome in student.outcomes {
        lines.append(
          [student.submission.student, outcome.exercise, "\(outcome.passed)", "\(outcome.total)", outcome.statusWord]
            .map(field).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A file name for `student`'s feedback page: letters, digits, `.`, `-` and `_`.
  public static func pageName(for student: String) -> String {
    let safe = String(
      student.unicodeScalars.map { scalar in
        scalar.isASCII
          && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_".unicodeScalars.contains(scalar))
          ? Character(scalar) : "_"
      })
    return (safe.isEmpty ? "student" : safe) + ".html"
  }

  /// The feedback page of one student: per exercise, the status, the visible checks
  /// and their messages, and what the learner's code printed. Nothing of a hidden
  /// check but its name.
  public static func feedback(_ graded: Graded, lesson: Lesson) -> String {
    let total = graded.outcomes.reduce(0) { $0 + $1.total }
    let passed = graded.outcomes.reduce(0) { $0 + $1.passed }
    var body = "<h1>\(escapeHTML(lesson.title)): feedback for \(escapeHTML(graded.submission.student))</h1>\n"
    body += "<p>\(passed) of \(total) checks passed.</p>\n"
    for outcome in graded.outcomes {
      body += "<h2>Exercise <code>\(escapeHTML(outcome.exercise))</code></h2>\n"
      body += "<p class=\"status \(outcome.statusWord)\">\(escapeHTML(outcome.sentence))</p>\n"
      if !outcome.visibleChecks.isEmpty {
        body += "<ul class=\"checks\">\n"
        for check in outcome.visibleChecks {
          let ran = check.passed || check.message != Assessment.didNotRun
          body += "<li>" + (check.passed ? "passed: " : ran ? "failed: " : "did not run: ")
          body += "<code>\(escapeHTML(check.name))</code>"
          if ran && !check.passed && !check.message.isEmpty { body += " — " + escapeHTML(check.message) }
          body += "</li>\n"
        }
        body += "</ul>\n"
      }
      if !outcome.printed.isEmpty {
        body +=
          "<p>What your code printed:</p>\n<pre class=\"output\">\(escapeHTML(String(outcome.printed.prefix(8192))))</pre>\n"
      }
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escapeHTML(graded.submission.student)) · \(escapeHTML(lesson.title))</title>
      <style>
      body { max-width: 46rem; margin: 0 auto; padding: 1rem; font: 16px/1.5 system-ui, sans-serif; }
      pre { background: #f2f1ec; padding: .5rem; overflow-x: auto; white-space: pre-wrap; }
      .status.passed { color: #1f6b1f; } .status:not(.passed) { color: #a33; }
      </style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }
}
