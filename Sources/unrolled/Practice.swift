import ArgumentParser
import Foundation
import LessonKit

/// `unrolled practice`: a learner's copy of lessons, without solutions or hidden checks.
struct Practice: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write practice files: each lesson with its solutions and hidden checks taken out.",
    discussion: """
      Writes DIR/NN-slug.md for each lesson, and DIR/README.md on how to check them. A \
      file that already exists and differs from the fresh one holds a learner's edits: \
      it is kept, with a message, unless --force is given (the command still exits 0).
      """)

  @Option(help: "The folder of lesson files.")
  var lessons = "Lessons"

  @Option(help: "The folder the practice files are written to.")
  var into = "practice"

  @Flag(help: "Replace practice files even when they hold edits.")
  var force = false

  @Option(help: "The edition: en, or zh for the Chinese lessons (written into DIR/zh).")
  var lang = "en"

  func validate() throws {
    guard ["en", "zh"].contains(lang) else { throw ValidationError("--lang must be en or zh") }
  }

  @Argument(help: "Lesson files or names, for example 03 or 03-backpropagation-through-time.")
  var lessonNames: [String]

  func run() throws {
    let options = try CourseOptions.parse(["--lessons", lessons])
    let paths = try exitOnSetupFailure { try options.lessonPaths(lessonNames) }
    let chinese = lang == "zh"
    let into = chinese ? self.into + "/zh" : self.into
    let practised = try exitOnSetupFailure { try paths.map { try practisedLesson($0, chinese: chinese) } }
    let folder = URL(fileURLWithPath: into)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw Failure.setup("cannot create \(into): \(error.localizedDescription)")
    }
    for lesson in practised {
      if let problem = lesson.diagnostics.first(where: { $0.severity == .error }) {
        FileHandle.standardError.write(Data("unrolled: \(problem)\n".utf8))
        throw ExitCode(1)
      }
      let name = PracticeFile.name(for: lesson)
      let file = folder.appendingPathComponent(name)
      let text = PracticeFile.text(for: lesson, folder: into)
      let exercises = lesson.exercises.map(\.name)
      let what = exercises.isEmpty ? "no exercises to check" : "exercises: " + exercises.joined(separator: ", ")
      if let existing = FileManager.default.contents(atPath: file.path) {
        if String(decoding: existing, as: UTF8.self) == text {
          print("\(into)/\(name) is up to date (\(what))")
          continue
        }
        if !force {
          print("kept \(into)/\(name): it differs from a fresh copy, so it holds your edits (--force replaces it)")
          continue
        }
      }
      try Data(text.utf8).write(to: file)
      print("wrote \(into)/\(name) (\(what))")
    }
    let readme = folder.appendingPathComponent("README.md")
    if force || !FileManager.default.fileExists(atPath: readme.path) {
      let text = chinese ? PracticeFile.chineseReadme(folder: into) : PracticeFile.readme(folder: into)
      try Data(text.utf8).write(to: readme)
    }
  }
}

/// `unrolled check`: a learner's practice files, judged by the course's checks.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check practice files: run your exercise cells in the course's lesson, with its checks.",
    discussion: """
      Only the `swift exercise NAME` cells of each file are read; everything else comes \
      from the course. Each exercise runs under the strict sandbox with the visible and \
      hidden checks, and gets one line: passed, failed (with the visible check's \
      message), a hidden check failed (its name), timed out, or crashed (at your file's \
      line). Exit status: 0 when every exercise passes, 1 otherwise, 2 for bad usage.
      """)

  @Option(help: "The folder of lesson files.")
  var lessons = "Lessons"

  @Option(help: "Seconds an attempt may run, unless its lesson sets its own limit.")
  var timeout: Double = 120

  @Argument(help: "Practice files, for example practice/03-backpropagation-through-time-by-hand.md.")
  var files: [String]

  func validate() throws {
    guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
  }

  func run() throws {
    let options = try CourseOptions.parse(["--lessons", lessons])
    let all = try exitOnSetupFailure { try options.lessonPaths() }
    var jobs: [(file: String, text: String, lesson: Lesson)] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        FileHandle.standardError.write(Data("unrolled: cannot read \(file)\n".utf8))
        throw ExitCode(2)
      }
      let text = String(decoding: data, as: UTF8.self)
      let name =
        PracticeFile.lessonName(in: text) ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
      // A practice file of the Chinese edition names its lesson `zh/NN-slug`.
      let (english, chinese) = edition(of: name)
      let lesson = try exitOnSetupFailure {
        do {
          let path = try LessonNames.resolve([english], among: all, folder: lessons)[0]
          return try practisedLesson(path, chinese: chinese)
        } catch let error as SetupError {
          throw Failure.setup("\(file): \(error.description)")
        } catch Failure.setup(let message) {
          throw Failure.setup("\(file): \(message)")
        }
      }
      jobs.append((file, text, lesson))
    }
    let runner = try exitOnSetupFailure {
      PracticeRunner(course: try options.makeRunner(timeLimit: RunLimits().timeLimit), seconds: timeout)
    }
    var allPassed = true
    var refused = false
    for job in jobs {
      print(job.file)
      if job.lesson.exercises.isEmpty { print("  no exercises in \(job.lesson.path)") }
      do {
        let reference = try runner.reference(job.lesson)
        let (attempt, outcomes) = try runner.check(
          text: job.text, file: job.file, course: job.lesson, reference: reference)
        for name in attempt.missing { print("  note: no `swift exercise \(name)` cell in \(job.file)") }
        for outcome in outcomes {
          print("  \(outcome.exercise): \(outcome.sentence)")
          if outcome.status != .passed { allPassed = false }
          if case .refused = outcome.status { refused = true }
        }
      } catch let error as SetupError {
        FileHandle.standardError.write(Data("unrolled: \(error.description)\n".utf8))
        throw ExitCode(2)
      } catch {
        print("  cannot check: \(error)")
        allPassed = false
      }
    }
    if refused { throw ExitCode(2) }
    if !allPassed { throw ExitCode(1) }
  }
}

/// `unrolled grade`: every submission of a class, graded in the strict sandbox.
struct Grade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Grade a class's practice files for one lesson: grades.csv and a feedback page per student.",
    discussion: """
      A submission is SUBMISSIONS/STUDENT.md or a folder SUBMISSIONS/STUDENT/ holding the \
      practice file. Each runs in the strict sandbox (no network, no other submission, \
      no lesson sources, writes only to its own scratch folder), several at once. Exit \
      status 0 when grading ran, whatever the students scored.
      """)

  @Option(help: "The folder of lesson files.")
  var lessons = "Lessons"

  @Option(help: "Seconds an attempt may run, unless its lesson sets its own limit.")
  var timeout: Double = 120

  @Option(help: "Submissions graded at once (default: the number of cores).")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "The folder of submissions.")
  var submissions: String

  @Option(help: "The folder grades.csv and feedback/ are written to.")
  var output = "grades"

  @Argument(help: "The lesson, for example 03, or zh/03 for the Chinese edition's.")
  var lessonName: String

  func validate() throws {
    guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
  }

  func run() throws {
    let options = try CourseOptions.parse(["--lessons", lessons])
    // `zh/03` grades against the Chinese edition's lesson (its checks are the English ones).
    let (english, chinese) = edition(of: lessonName)
    let lesson = try exitOnSetupFailure { try practisedLesson(try options.lessonPaths([english])[0], chinese: chinese) }
    let folder = URL(fileURLWithPath: submissions).standardizedFileURL
    let out = URL(fileURLWithPath: output).standardizedFileURL
    let found = try exitOnSetupFailure {
      do { return try Grader.submissions(in: folder, lesson: lesson) } catch {
        throw Failure.setup("cannot read the submissions folder '\(submissions)'")
      }
    }
    do {
      // Made first: a folder must exist to be hidden from the submissions.
      try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    } catch {
      throw Failure.setup("cannot create \(output): \(error.localizedDescription)")
    }
    let hidden = [folder.path, out.path, URL(fileURLWithPath: lessons).standardizedFileURL.path]
    let runner = try exitOnSetupFailure {
      PracticeRunner(
        course: try options.makeRunner(timeLimit: RunLimits().timeLimit), seconds: timeout, hiddenFolders: hidden)
    }
    let reference: LessonRun
    do {
      reference = try runner.reference(lesson)
    } catch let error as SetupError {
      FileHandle.standardError.write(Data("unrolled: \(error.description)\n".utf8))
      throw ExitCode(2)
    }
    let grader = Grader(runner: runner, lesson: lesson)
    let graded = grader.grade(found, reference: reference, jobs: jobs) { graded in
      let passed = graded.outcomes.reduce(0) { $0 + $1.passed }
      let total = graded.outcomes.reduce(0) { $0 + $1.total }
      let statuses = graded.outcomes.map { "\($0.exercise) \($0.statusWord)" }.joined(separator: ", ")
      say("  \(graded.submission.student): \(passed) of \(total) checks (\(statuses))")
    }
    do {
      let feedback = out.appendingPathComponent("feedback")
      try FileManager.default.createDirectory(at: feedback, withIntermediateDirectories: true)
      try Data(Grader.csv(graded).utf8).write(to: out.appendingPathComponent("grades.csv"))
      for student in graded {
        try Data(Grader.feedback(student, lesson: lesson).utf8).write(
          to: feedback.appendingPathComponent(Grader.pageName(for: student.submission.student)))
      }
    } catch {
      throw Failure.setup("cannot write to \(output): \(error.localizedDescription)")
    }
    let refused = graded.flatMap(\.outcomes).compactMap { outcome -> String? in
      if case .refused(let why) = outcome.status { return why } else { return nil }
    }
    if let why = refused.first {
      FileHandle.standardError.write(Data("unrolled: the sandbox refused to run submissions: \(why)\n".utf8))
      throw ExitCode(2)
    }
    print("graded \(graded.count) submissions of \(lesson.slug): \(output)/grades.csv, \(output)/feedback/")
  }
}

/// A lesson name as `check` and `grade` read it: `zh/03` is lesson 03 of the Chinese
/// edition, anything else an English lesson.
func edition(of name: String) -> (english: String, chinese: Bool) {
  name.hasPrefix("zh/") ? (String(name.dropFirst(3)), true) : (name, false)
}

/// The lesson exercises are practised in: the English lesson at `path`, or with
/// `chinese` its translation, which must exist.
func practisedLesson(_ path: String, chinese: Bool) throws -> Lesson {
  guard chinese else { return Course.load(path) }
  let translation = Translations.translationPath(of: path)
  guard FileManager.default.fileExists(atPath: translation) else {
    throw Failure.setup("\(path) has no Chinese translation yet (`unrolled translations` lists them)")
  }
  return Translations.load(translation)
}
