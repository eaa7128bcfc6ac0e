import ArgumentParser
import Foundation
import LessonKit

@main
struct Unrolled: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unrolled",
    abstract: "Runs the Unrolled lessons and renders them into a static site.",
    subcommands: [
      Build.self, Test.self, Serve.self, Handout.self, Practice.self, Check.self, Grade.self, TranslationStates.self,
    ])

  /// Parses and runs the command, ending with the statuses the README promises: 0 for
  /// success and for `--help`, 1 when a lesson fails, 2 for bad usage (an unknown
  /// option, a missing argument, a value out of range) or a missing dependency.
  /// ArgumentParser's own status for usage errors is 64 (`EX_USAGE`); its message and
  /// the usage line are printed as it would print them.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

/// Options shared by the commands.
struct CourseOptions: ParsableArguments {
  @Option(help: "The folder of lesson files.")
  var lessons = "Lessons"

  @Option(help: "Seconds a lesson may run, unless it sets its own limit.")
  var timeout: Double = 120

  @Option(help: "Lessons run at once (default: the number of cores).")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(
    help: ArgumentHelp(
      "Memory a lesson and everything it starts may use, such as 2G or 512M, unless it sets its own limit.",
      discussion: "Default: a quarter of this machine's memory.", valueName: "size"))
  var memoryLimit: String?

  @Option(
    help: ArgumentHelp(
      "How to print errors and warnings: text, github (workflow annotations) or json (one object per line).",
      discussion: "Default: github when GITHUB_ACTIONS=true, text otherwise."))
  var format: DiagnosticFormat?

  func validate() throws {
    guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
    if let memoryLimit, RunLimits.parseSize(memoryLimit) == nil {
      throw ValidationError("--memory-limit takes a size such as 2G, 512M or 1048576 (bytes)")
    }
  }

  /// The format diagnostics are printed in.
  var diagnosticFormat: DiagnosticFormat { format ?? .automatic() }

  /// Prints diagnostics, one per line in the chosen format, on standard error.
  func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
      FileHandle.standardError.write(Data((diagnosticFormat.format(diagnostic) + "\n").utf8))
    }
  }

  /// The lesson files `selected` names (all of them when it is empty); a setup failure
  /// when the folder cannot be read or a name means no lesson.
  func lessonPaths(_ selected: [String] = []) throws -> [String] {
    var paths: [String]
    do {
      paths = try Course.lessonFiles(in: lessons)
    } catch {
      throw Failure.setup("cannot read the lessons folder '\(lessons)': run unrolled from the repository's root")
    }
    if !selected.isEmpty {
      do {
        paths = try LessonNames.resolve(selected, among: paths, folder: lessons)
      } catch let error as SetupError {
        throw Failure.setup(error.description)
      }
    }
    return paths
  }

  /// A runner with the options' limits (the course's own profile).
  func makeRunner(timeLimit: Double? = nil) throws -> LessonRunner {
    var limits = RunLimits()
    limits.timeLimit = timeLimit ?? timeout
    if let size = memoryLimit.flatMap(RunLimits.parseSize) { limits.memoryLimit = size }
    Interruption.stopChildrenOnSignals()
    do {
      return try Course.runner(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), limits: limits)
    } catch let error as SetupError {
      throw Failure.setup(error.description)
    }
  }

  /// The lessons and the translations `selected` names (all of both when it is empty).
  /// A name of a translation's file (`Lessons/zh/07-….md`, or `zh/07`) means that
  /// translation; any other name means an English lesson and its translations. A setup
  /// failure when a translation has no English lesson of its name.
  func editionPaths(_ selected: [String] = []) throws -> (lessons: [String], translations: [String]) {
    let all = try lessonPaths()
    let translations = Translations.files(in: lessons)
    if let orphan = Translations.orphans(translations, originals: all).first {
      throw Failure.setup(
        "\(orphan) translates no lesson: there is no \(Translations.originalPath(ofTranslation: orphan)) "
          + "(a translation has its English lesson's file name)")
    }
    guard !selected.isEmpty else { return (all, translations) }
    var chosen: (lessons: [String], translations: [String]) = ([], [])
    for name in selected {
      if name.contains("/"),
        let translation = try? LessonNames.resolve(
          [name.hasPrefix("zh/") ? String(name.dropFirst(3)) : name], among: translations, folder: lessons
        ).first
      {
        if !chosen.translations.contains(translation) { chosen.translations.append(translation) }
        continue
      }
      for path in try lessonPaths([name]) where !chosen.lessons.contains(path) {
        chosen.lessons.append(path)
        let translation = Translations.translationPath(of: path)
        if translations.contains(translation) && !chosen.translations.contains(translation) {
          chosen.translations.append(translation)
        }
      }
    }
    return chosen
  }

  /// Loads and runs the lessons, printing a line per lesson; exits 2 on a setup problem.
  /// With `translations`, the translations run too (after the lessons in what it
  /// returns), and a selected translation brings its English lesson.
  func run(only selected: [String] = [], runner given: LessonRunner? = nil, translations: Bool = false) throws
    -> [RanLesson]
  {
    let (paths, translated) = translations ? try editionPaths(selected) : (try lessonPaths(selected), [])
    let runner = try given ?? makeRunner()
    let loaded = paths.map { Course.load($0) }
    let loadedTranslations = translated.map { Translations.load($0) }
    let width = (loaded + loadedTranslations).map { name(of: $0).count }.max() ?? 0
    let progress: @Sendable (RanLesson) -> Void = { ran in
      let name = name(of: ran.lesson).padding(toLength: width, withPad: " ", startingAt: 0)
      let cells = ran.lesson.cells.filter(\.runs).count
      let time = String(format: "%5.1f s", ran.run.seconds)
      let source = ran.run.cached ? "cached" : "ran   "
      let result = ran.failures.isEmpty ? "ok" : "FAILED"
      let line = "  \(name)  \(String(format: "%3d", cells)) cells  \(time)  \(source)  \(result)\n"
      FileHandle.standardOutput.write(Data(line.utf8))
      report(ran.run.warnings)
    }
    if !translations { return Course.run(loaded, with: runner, jobs: jobs, progress: progress) }
    return Course.run(loaded, translations: loadedTranslations, with: runner, jobs: jobs, progress: progress)
  }

  /// How a lesson is named in the progress lines: its slug, with its edition's folder
  /// for a translation (`zh/07-…`).
  private func name(of lesson: Lesson) -> String {
    lesson.edition.folder.map { $0 + "/" + lesson.slug } ?? lesson.slug
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

extension DiagnosticFormat: ExpressibleByArgument {}

/// Prints a failure and exits with the status the README promises: 2 for setup.
func exitOnSetupFailure<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let failure as Failure {
    FileHandle.standardError.write(Data((failure.description + "\n").utf8))
    throw ExitCode(2)
  }
}

/// Prints a line at once, even when standard output is a pipe (a long-running preview's
/// log must not wait in a buffer).
func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
