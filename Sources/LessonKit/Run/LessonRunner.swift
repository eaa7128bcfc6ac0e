import Foundation

/// Compiles and runs lessons against the RNN library in the sandbox, splits what they
/// print by cell, and caches the results by everything that can change them.
///
/// The stages of one run: `RunCache` (has it run before?), `Compiler` (the program and
/// its log), `Sandbox` (running it under the limits), `OutputSplitter` (the output, the
/// channel's records and the ending, turned into a result per cell).
public struct LessonRunner: Sendable {
  /// The compiler.
  public let toolchain: Toolchain
  /// The optimised RNN library the lessons link against.
  public let library: LibraryBuild
  /// Where runs and their work folders are kept.
  public let cache: URL
  /// The limits.
  public let limits: RunLimits
  /// The sandbox lessons run in.
  let sandbox: Sandbox
  /// The folder relative lesson paths start from.
  public let root: URL
  /// The engine's version: a hash of the code that turns a lesson into results.
  let engineVersion: String

  /// A runner with the given parts; `engineVersion` is a hash of the code that runs
  /// lessons (`Course.runner` derives it from the sources).
  init(
    toolchain: Toolchain, library: LibraryBuild, sandbox: Sandbox, root: URL, cache: URL, limits: RunLimits,
    engineVersion: String
  ) {
    self.root = root
    self.toolchain = toolchain
    self.library = library
    self.sandbox = sandbox
    self.cache = cache
    self.limits = limits
    self.engineVersion = engineVersion
  }

  /// The same runner with other limits.
  public func with(_ limits: RunLimits) -> LessonRunner {
    LessonRunner(
      toolchain: toolchain, library: library, sandbox: sandbox, root: root, cache: cache, limits: limits,
      engineVersion: engineVersion)
  }

  /// What the sandbox can do on this machine (it runs a trivial program to find out).
  public func sandboxCapabilities() throws -> Sandbox.Capabilities {
    try sandbox.capabilities(scratch: cache.appendingPathComponent("work/probe-\(UUID().uuidString.prefix(8))"))
  }

  /// The limits `lesson` runs under: the runner's, with the lesson's own time and
  /// memory limits where it sets them.
  public func limits(for lesson: Lesson) -> RunLimits {
    var limits = self.limits
    if let time = lesson.timeLimit { limits.timeLimit = time }
    if let memory = lesson.memoryLimit { limits.memoryLimit = memory }
    return limits
  }

  /// The folder `lesson` lives in: its working directory, where its data files are.
  /// A translation's is its original's (``Lesson/directory``).
  public func folder(of lesson: Lesson) -> URL {
    func absolute(_ path: String) -> URL {
      path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
    if let directory = lesson.directory { return absolute(directory).standardizedFileURL }
    return absolute(lesson.path).deletingLastPathComponent().standardizedFileURL
  }

  /// The cache key of `lesson`'s run.
  func key(for lesson: Lesson, source: String) -> String {
    let folder = folder(of: lesson)
    return RunCache.Key(
      engine: engineVersion, toolchain: toolchain.version, library: library.hash, source: source,
      limits: limits(for: lesson), dataFiles: DataFiles(folder: folder).read(by: source)
    ).digest
  }

  /// Runs `lesson` (or takes its results from the cache).
  public func run(_ lesson: Lesson) -> LessonRun {
    let source = ProgramBuilder.source(for: lesson)
    let key = key(for: lesson, source: source)
    let runs = RunCache(folder: cache.appendingPathComponent("runs"))
    if let run = runs.load(key) { return run }
    let started = Date()
    var run = execute(lesson, source: source, key: key)
    run.seconds = Date().timeIntervalSince(started)
    runs.store(run, under: key)
    return run
  }

  private func execute(_ lesson: Lesson, source: String, key: String) -> LessonRun {
    var run = LessonRun()
    let limits = limits(for: lesson)
    let work = cache.appendingPathComponent("work/\(lesson.slug)-\(key.prefix(12))-\(UUID().uuidString.prefix(8))")
    do {
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      // An unguessable name: other strict runs must not find this one's program.
      let strict = cache.appendingPathComponent("strict/\(work.lastPathComponent)-\(UUID().uuidString)")
      defer {
        try? FileManager.default.removeItem(at: work)
        try? FileManager.default.removeItem(at: strict)
      }
      let main = work.appendingPathComponent("main.swift")
      var executable = work.appendingPathComponent("lesson")
      try source.write(to: main, atomically: true, encoding: .utf8)
      let compiled = try Compiler(
        toolchain: toolchain, library: library, slowTypeCheckMilliseconds: limits.slowTypeCheckMilliseconds
      ).compile(lesson, main: main, into: executable)
      run.warnings = compiled.warnings
      run.lessonErrors = compiled.lessonErrors
      for (cell, errors) in compiled.cellErrors { run.cells[cell] = CellResult(failure: .compileError(errors)) }
      guard compiled.succeeded else { return run }
      var folder = folder(of: lesson)
      var hidden: [URL] = []
      if limits.profile == .strict {
        // Untrusted code sees its data files, not the lessons (whose hidden checks it
        // must not read), nor any program's source, nor other learners' work.
        try? FileManager.default.removeItem(at: main)
        hidden = [folder, cache.appendingPathComponent("work")] + limits.hiddenFolders.map { URL(fileURLWithPath: $0) }
        folder = try strictFolder(for: lesson, source: source, at: strict)
        // Other strict runs' folders hold their programs (another learner's work): those
        // that exist now are hidden, and the parent cannot be listed by another user.
        let others =
          (try? FileManager.default.contentsOfDirectory(atPath: strict.deletingLastPathComponent().path)) ?? []
        hidden += others.filter { $0 != strict.lastPathComponent }.map {
          strict.deletingLastPathComponent().appendingPathComponent($0)
        }
        // The program beside its data, where the runtime's backtracer can read its
        // symbols to name the lesson's line of a crash (the work folder is hidden).
        let visible = folder.appendingPathComponent(".program")
        try FileManager.default.moveItem(at: executable, to: visible)
        executable = visible
      }
      try runProgram(
        lesson, executable, in: work, directory: folder, hidden: hidden, failingCell: nil, limits: limits, into: &run)
      for cell in lesson.cells where cell.mode == .fails {
        try runProgram(
          lesson, executable, in: work, directory: folder, hidden: hidden, failingCell: cell.index, limits: limits,
          into: &run)
      }
    } catch {
      run.lessonErrors.append(Diagnostic(file: lesson.path, line: 1, message: "could not run the lesson: \(error)"))
    }
    return run
  }

  /// A working folder for a strict run, outside every hidden folder, holding copies of
  /// the data files the lesson reads and its scratch folders.
  private func strictFolder(for lesson: Lesson, source: String, at folder: URL) throws -> URL {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o711], ofItemAtPath: folder.deletingLastPathComponent().path)
    let data = DataFiles(folder: self.folder(of: lesson))
    for (path, _) in data.read(by: source) {
      let copy = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: data.files[path]!, to: copy)
    }
    return folder
  }

  /// Runs the compiled program once: all cells (skipping `fails` cells), or, with
  /// `failingCell`, the cells up to that one, which must stop with an error.
  private func runProgram(
    _ lesson: Lesson, _ executable: URL, in work: URL, directory: URL, hidden: [URL], failingCell: Int?,
    limits: RunLimits, into run: inout LessonRun
  ) throws {
    let suffix = failingCell.map { "-\($0)" } ?? ""
    let out = work.appendingPathComponent("stdout\(suffix)")
    let err = work.appendingPathComponent("stderr\(suffix)")
    let channel = work.appendingPathComponent("channel\(suffix)")
    FileManager.default.createFile(atPath: channel.path, contents: nil)
    var environment = [
      "SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,sanitize=yes"
    ]
    if let failingCell { environment["UNROLLED_FAILING_CELL"] = "\(failingCell)" }
    let end = try sandbox.run(
      Sandbox.Request(
        command: [executable.path], environment: environment, stdout: out, stderr: err, channel: channel,
        directory: directory, scratch: (hidden.isEmpty ? work : directory).appendingPathComponent("scratch\(suffix)"),
        hidden: hidden,
        seconds: limits.timeLimit, limits: limits))
    let splitter = OutputSplitter(
      lesson: lesson, limits: limits, stdout: [UInt8]((try? Data(contentsOf: out)) ?? Data()),
      stderr: [UInt8]((try? Data(contentsOf: err)) ?? Data()),
      records: Channel.records(in: [UInt8]((try? Data(contentsOf: channel)) ?? Data())))
    splitter.split(end: end, failingCell: failingCell, into: &run)
  }
}
