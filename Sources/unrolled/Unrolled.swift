import ArgumentParser
import Foundation
import LessonKit

@main
struct Unrolled: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unrolled",
    abstract: "Runs the Unrolled lessons and renders them into a static site.",
    subcommands: [Build.self, Test.self])
}

/// Options shared by the commands.
struct CourseOptions: ParsableArguments {
  @Option(help: "The folder of lesson files.")
  var lessons = "Lessons"

  @Option(help: "Seconds a lesson may run, unless it sets its own limit.")
  var timeout: Double = 120

  @Option(help: "Lessons run at once (default: the number of cores).")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
  }

  /// Loads and runs the lessons, printing a line per lesson; exits 2 on a setup problem.
  func run(only selected: [String] = []) throws -> [RanLesson] {
    var paths: [String]
    do {
      paths = try Course.lessonFiles(in: lessons)
    } catch {
      throw Failure.setup("cannot read the lessons folder '\(lessons)': run unrolled from the repository's root")
    }
    if !selected.isEmpty {
      paths = try selected.map { name in
        if let match = paths.first(where: { $0 == name || $0.hasSuffix("/" + name) || $0.hasSuffix("/" + name + ".md") }
        ) {
          return match
        }
        throw Failure.setup("no lesson '\(name)' in \(lessons)")
      }
    }
    var limits = RunLimits()
    limits.timeLimit = timeout
    let runner: LessonRunner
    do {
      runner = try Course.runner(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), limits: limits)
    } catch let error as SetupError {
      throw Failure.setup(error.description)
    }
    let loaded = paths.map(Course.load)
    let width = loaded.map(\.slug.count).max() ?? 0
    return Course.run(loaded, with: runner, jobs: jobs) { ran in
      let name = ran.lesson.slug.padding(toLength: width, withPad: " ", startingAt: 0)
      let cells = ran.lesson.cells.filter(\.runs).count
      let time = String(format: "%5.1f s", ran.run.seconds)
      let source = ran.run.cached ? "cached" : "ran   "
      let result = ran.failures.isEmpty ? "ok" : "FAILED"
      let line = "  \(name)  \(String(format: "%3d", cells)) cells  \(time)  \(source)  \(result)\n"
      FileHandle.standardOutput.write(Data(line.utf8))
    }
  }
}

/// How a command ends when it cannot do its work.
enum Failure: Error, CustomStringConvertible {
  case setup(String)

  var description: String {
    switch self {
    case .setup(let message): "unrolled: \(message)"
    }
  }
}

/// Prints a failure and exits with the status the README promises: 2 for setup.
func exitOnSetupFailure<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let failure as Failure {
    FileHandle.standardError.write(Data((failure.description + "\n").utf8))
    throw ExitCode(2)
  }
}

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every lesson and write the site (index, one page per lesson).")

  @OptionGroup var course: CourseOptions

  @Option(help: "The folder the site is written to.")
  var output = "site"

  @Flag(help: "Write nothing; fail if the site folder is not what the lessons render today.")
  var check = false

  func run() throws {
    let started = Date()
    let ran = try exitOnSetupFailure { try course.run() }
    let files = SiteWriter.files(for: ran)
    let folder = URL(fileURLWithPath: output)
    let failed = ran.filter { !$0.failures.isEmpty }
    for lesson in failed {
      for failure in lesson.failures { FileHandle.standardError.write(Data("\(failure)\n".utf8)) }
    }
    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
    if check {
      let differences = SiteWriter.differences(files, in: folder)
      if !differences.isEmpty {
        print("\(output)/ is out of date: \(differences.joined(separator: ", ")). Run `unrolled build` and commit.")
        throw ExitCode(1)
      }
      print("\(output)/ is up to date: \(files.count) files, \(ran.count) lessons, \(seconds) s")
    } else {
      do {
        try SiteWriter.write(files, to: folder)
      } catch {
        throw Failure.setup("\(error)")
      }
      print("wrote \(output)/: \(files.count) files, \(ran.count) lessons, \(seconds) s")
    }
    if !failed.isEmpty {
      print("\(failed.count) of \(ran.count) lessons have errors (shown on their pages)")
      throw ExitCode(1)
    }
  }
}

struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run lessons as doc-tests: each `output` block must match what its cell prints.")

  @OptionGroup var course: CourseOptions

  @Flag(help: "Write what each cell printed into its `output` block instead of comparing.")
  var bless = false

  @Argument(help: "Lesson files or names (default: all).")
  var lessonNames: [String] = []

  func run() throws {
    let ran = try exitOnSetupFailure { try course.run(only: lessonNames) }
    var failures = 0
    for lesson in ran {
      if bless {
        guard let data = FileManager.default.contents(atPath: lesson.lesson.path) else { continue }
        let text = String(decoding: data, as: UTF8.self)
        let blessed = DocTest.bless(text, lesson: lesson.lesson, run: lesson.run)
        if blessed != text {
          try Data(blessed.utf8).write(to: URL(fileURLWithPath: lesson.lesson.path))
          print("blessed \(lesson.lesson.path)")
        }
        continue
      }
      for failure in lesson.failures {
        failures += 1
        print(failure)
      }
    }
    if bless {
      print("blessed: output blocks of \(ran.count) lessons now hold what their cells print")
      return
    }
    let passed = ran.filter { $0.failures.isEmpty }.count
    print("\(passed) passed, \(ran.count - passed) failed")
    if failures > 0 && !bless { throw ExitCode(1) }
  }
}
