import Foundation

/// Limits for running a lesson.
public struct RunLimits: Sendable {
  /// Seconds the whole lesson may run (a lesson's own `<!-- unrolled: timeout=N -->` wins).
  public var timeLimit: Double = 120
  /// Bytes of output shown per cell; the rest is cut with a notice.
  public var cellOutputLimit = 64 * 1024
  /// Bytes a lesson may print in all; past this it is stopped.
  public var programOutputLimit = 64 * 1024 * 1024
  /// Milliseconds of type-checking one expression may take before the lesson gets a
  /// warning: with the RNN library's many operator overloads, an unannotated closure can
  /// cost seconds.
  public var slowTypeCheckMilliseconds = 1000
  /// Bytes of displays (charts, tables) kept per cell; past this they are replaced by a
  /// notice.
  public var cellDisplayLimit = 4 * 1024 * 1024

  /// The default limits.
  public init() {}
}

/// Compiles and runs lessons against the RNN library, splits what they print by cell,
/// and caches the results by a hash of everything that can change them.
public struct LessonRunner: Sendable {
  /// The compiler.
  public let toolchain: Toolchain
  /// The optimised RNN library the lessons link against.
  public let library: LibraryBuild
  /// Where runs and their work folders are kept.
  public let cache: URL
  /// The limits.
  public let limits: RunLimits

  /// Bump when the runner's behaviour changes, so old cached results are not reused.
  static let engineVersion = "runner-4"

  /// A runner with the given parts.
  public init(toolchain: Toolchain, library: LibraryBuild, cache: URL, limits: RunLimits) {
    self.toolchain = toolchain
    self.library = library
    self.cache = cache
    self.limits = limits
  }

  /// Runs `lesson` (or takes its results from the cache).
  public func run(_ lesson: Lesson) -> LessonRun {
    let source = ProgramBuilder.source(for: lesson)
    let timeLimit = lesson.timeLimit ?? limits.timeLimit
    let key = SHA256.hex(
      [
        Self.engineVersion, toolchain.version, library.hash, source, "\(timeLimit)",
        "\(limits.cellOutputLimit)", "\(limits.programOutputLimit)", "\(limits.slowTypeCheckMilliseconds)",
      ].joined(separator: "\u{0}"))
    let cacheFile = cache.appendingPathComponent("runs/\(key).json")
    if let data = try? Data(contentsOf: cacheFile), var run = try? JSONDecoder().decode(LessonRun.self, from: data) {
      run.cached = true
      run.seconds = 0
      return run
    }
    let started = Date()
    var run = execute(lesson, source: source, key: key, timeLimit: timeLimit)
    run.seconds = Date().timeIntervalSince(started)
    if let data = try? JSONEncoder().encode(run) {
      try? FileManager.default.createDirectory(
        at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
      let temporary = cacheFile.appendingPathExtension("tmp-\(UUID().uuidString)")
      if (try? data.write(to: temporary)) != nil { _ = rename(temporary.path, cacheFile.path) }
    }
    return run
  }

  private func execute(_ lesson: Lesson, source: String, key: String, timeLimit: Double) -> LessonRun {
    var run = LessonRun()
    let work = cache.appendingPathComponent("work/\(lesson.slug)-\(key.prefix(12))-\(UUID().uuidString.prefix(8))")
    do {
      try? FileManager.default.removeItem(at: work)
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: work) }
      let main = work.appendingPathComponent("main.swift")
      try source.write(to: main, atomically: true, encoding: .utf8)
      guard try compile(lesson, main: main, in: work, into: &run) else { return run }
      try runProgram(lesson, in: work, failingCell: nil, timeLimit: timeLimit, into: &run)
      for cell in lesson.cells where cell.mode == .fails {
        try runProgram(lesson, in: work, failingCell: cell.index, timeLimit: timeLimit, into: &run)
      }
    } catch {
      run.lessonErrors.append("\(lesson.path): error: could not run the lesson: \(error)")
    }
    return run
  }

  /// Compiles; on errors, attaches each to the cell whose lines hold it.
  private func compile(_ lesson: Lesson, main: URL, in work: URL, into run: inout LessonRun) throws -> Bool {
    let lib = library.directory.path
    let log = work.appendingPathComponent("compile.log")
    let end = try Subprocess.run(
      [
        "swiftc", "-Onone", "-g", "-swift-version", "5", "-module-name", "Lesson", "-diagnostic-style", "llvm",
        "-Xfrontend", "-warn-long-expression-type-checking=\(limits.slowTypeCheckMilliseconds)",
        "-I", lib, "-L", lib, "-lRNN", "-Xlinker", "-rpath", "-Xlinker", lib,
        main.path, "-o", work.appendingPathComponent("lesson").path,
      ], stdout: log, stderr: log, timeLimit: 600, workingDirectory: work)
    let text = Self.readText(log)
    run.warnings = Self.slowTypeChecks(in: text, lesson: lesson)
    if end == .exited(0) { return true }
    let pattern = "\(lesson.path):"
    var attached = false
    for line in text.split(separator: "\n") where line.hasPrefix(pattern) && line.contains(": error: ") {
      let rest = line.dropFirst(pattern.count)
      let number = Int(rest.prefix(while: \.isNumber)) ?? 0
      if let cell = lesson.cells.last(where: { $0.runs && $0.codeLine <= number }) {
        run.cells[cell.index, default: CellResult()].error = Self.appending(run.cells[cell.index]?.error, String(line))
        attached = true
      } else {
        run.lessonErrors.append(String(line))
      }
    }
    if !attached && run.lessonErrors.isEmpty {
      run.lessonErrors.append("\(lesson.path): error: the lesson does not compile:\n\(text)")
    }
    return false
  }

  /// Runs the compiled program once: all cells (skipping `fails` cells), or, with
  /// `failingCell`, the cells up to that one, which must stop with an error.
  private func runProgram(
    _ lesson: Lesson, in work: URL, failingCell: Int?, timeLimit: Double, into run: inout LessonRun
  ) throws {
    let suffix = failingCell.map { "-\($0)" } ?? ""
    let out = work.appendingPathComponent("stdout\(suffix)")
    let err = work.appendingPathComponent("stderr\(suffix)")
    let channel = work.appendingPathComponent("channel\(suffix)")
    _ = FileManager.default.createFile(atPath: channel.path, contents: nil)
    var environment = [
      "UNROLLED_CHANNEL": channel.path, "UNROLLED_OUTPUT_LIMIT": "\(limits.programOutputLimit)",
      "SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,sanitize=yes",
    ]
    if let failingCell { environment["UNROLLED_FAILING_CELL"] = "\(failingCell)" }
    let end = try Subprocess.run(
      [work.appendingPathComponent("lesson").path], environment: environment, stdout: out, stderr: err,
      timeLimit: timeLimit, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))

    let stdoutBytes = (try? Data(contentsOf: out)) ?? Data()
    let stderrBytes = (try? Data(contentsOf: err)) ?? Data()
    let channelRecords = Self.records(in: (try? Data(contentsOf: channel)) ?? Data())
    let marks = channelRecords.filter { $0.kind != "display" }
    // Each cell's output runs from its mark to the next one.
    for (i, mark) in marks.enumerated() where mark.kind == "cell" {
      if let failingCell, mark.cell != failingCell { continue }  // already recorded by the main run
      let nextOut = i + 1 < marks.count ? marks[i + 1].out : stdoutBytes.count
      var result = CellResult()
      result.output = cut(stdoutBytes, from: mark.out, to: nextOut)
      var displayBytes = 0
      for record in channelRecords where record.kind == "display" && record.cell == mark.cell {
        displayBytes += record.html.utf8.count
        let html =
          displayBytes <= limits.cellDisplayLimit
          ? record.html
          : "<p class=\"notice\">[display not shown: this cell's displays passed \(limits.cellDisplayLimit / (1024 * 1024)) MB]</p>"
        result.displays.append(DisplayOutput(offset: record.out - mark.out, html: html, summary: record.summary))
      }
      run.cells[mark.cell] = result
    }
    let last = marks.last(where: { $0.kind == "cell" })
    let stderrTail =
      last.map { Self.clean(String(decoding: stderrBytes.dropFirst($0.err), as: UTF8.self), lesson: lesson) } ?? ""
    let limitText = "\(limits.programOutputLimit / (1024 * 1024)) MB"
    switch (end, failingCell) {
    case (.exited(0), nil) where marks.last?.kind == "end":
      return
    case (.exited(0), let cell?) where marks.contains(where: { $0.kind == "survived" && $0.cell == cell }):
      let line = lesson.cells.first { $0.index == cell }?.codeLine ?? 0
      run.cells[cell, default: CellResult()].error =
        "\(lesson.path):\(line): error: this cell is marked `fails` but finished without an error"
      return
    default:
      break
    }
    guard let last else {
      run.lessonErrors.append("\(lesson.path): error: the program stopped before its first cell\n\(stderrTail)")
      return
    }
    let line = lesson.cells.first { $0.index == last.cell }?.codeLine ?? 0
    let headline: String
    switch end {
    case .timedOut:
      headline =
        "\(lesson.path):\(line): error: stopped after \(Self.seconds(timeLimit)), the lesson's time limit, while this cell was running"
    case .signalled(let signal) where signal == SIGXFSZ:
      headline = "\(lesson.path):\(line): error: stopped: the lesson printed more than \(limitText)"
    default:
      let crashLine = Self.firstLessonLine(in: stderrTail, lesson: lesson) ?? line
      headline = "\(lesson.path):\(crashLine): error: runtime error in this cell"
    }
    let detail = stderrTail.isEmpty ? "" : "\n" + stderrTail
    run.cells[last.cell, default: CellResult()].error = headline + detail
  }

  /// A line of the channel: a cell's start, the end, a `fails` cell that survived, or a
  /// display with its HTML and summary.
  struct ChannelRecord {
    var kind: String
    var cell: Int
    var out: Int
    var err: Int
    var html = ""
    var summary = ""
  }

  /// The channel's records. A header line is `KIND CELL OUT ERR` (`end OUT ERR`); a
  /// display's header adds the byte sizes of its HTML and summary, which follow it.
  /// Anything malformed (a program killed mid-write) ends the list.
  static func records(in data: Data) -> [ChannelRecord] {
    let bytes = [UInt8](data)
    var records: [ChannelRecord] = []
    var position = 0
    while position < bytes.count, let newline = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) {
      let parts = String(decoding: bytes[position..<newline], as: UTF8.self).split(separator: " ")
      position = newline + 1
      let numbers = parts.dropFirst().map { Int($0) }
      guard let kind = parts.first.map(String.init), !numbers.contains(nil) else { break }
      let n = numbers.map { $0! }
      switch (kind, n.count) {
      case ("end", 2): records.append(ChannelRecord(kind: kind, cell: -1, out: n[0], err: n[1]))
      case ("cell", 3), ("survived", 3): records.append(ChannelRecord(kind: kind, cell: n[0], out: n[1], err: n[2]))
      case ("display", 5):
        let (htmlSize, summarySize) = (n[3], n[4])
        guard htmlSize >= 0, summarySize >= 0, position + htmlSize + summarySize <= bytes.count else { return records }
        let html = String(decoding: bytes[position..<(position + htmlSize)], as: UTF8.self)
        let summary = String(
          decoding: bytes[(position + htmlSize)..<(position + htmlSize + summarySize)], as: UTF8.self)
        position += htmlSize + summarySize
        records.append(ChannelRecord(kind: kind, cell: n[0], out: n[1], err: n[2], html: html, summary: summary))
      default:
        return records
      }
    }
    return records
  }

  /// The bytes `from..<to` as text (invalid UTF-8 shown as U+FFFD), cut to the cell limit.
  private func cut(_ bytes: Data, from: Int, to: Int) -> String {
    let start = min(max(from, 0), bytes.count)
    let end = min(max(to, start), bytes.count)
    let count = end - start
    if count <= limits.cellOutputLimit {
      return String(decoding: bytes[(bytes.startIndex + start)..<(bytes.startIndex + end)], as: UTF8.self)
    }
    var shown = String(
      decoding: bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + limits.cellOutputLimit)], as: UTF8.self)
    if shown.last == "\u{FFFD}" { shown.removeLast() }  // a character cut in half
    if !shown.hasSuffix("\n") { shown += "\n" }
    return shown + "[output cut: \(count - limits.cellOutputLimit) more bytes not shown]\n"
  }

  /// Standard error made fit for a page: the runtime's module-relative file names
  /// turned into the lesson's path, addresses, process numbers and the backtracer's
  /// chatter removed, so two runs give the same text.
  static func clean(_ text: String, lesson: Lesson) -> String {
    let base = (lesson.path as NSString).lastPathComponent
    var kept: [String] = []
    var inBacktrace = false
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.replacingOccurrences(of: "Lesson/\(base)", with: lesson.path)
      if line.hasPrefix("💣") || line.hasPrefix("*** ") { inBacktrace = true }
      if !inBacktrace {
        kept.append(line)
      } else if let at = line.range(of: " at \(lesson.path):") {
        kept.append(
          "  at " + line[at.upperBound...].prefix(while: { !$0.isWhitespace }).description.withPath(lesson.path))
      }
    }
    while kept.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { kept.removeLast() }
    while kept.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { kept.removeFirst() }
    return kept.joined(separator: "\n")
  }

  /// The compiler's slow-expression warnings, as advice a lesson author can act on.
  static func slowTypeChecks(in log: String, lesson: Lesson) -> [String] {
    var seen: Set<Substring> = []
    return log.split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("\(lesson.path):"), let took = line.range(of: "warning: expression took ") else {
        return nil
      }
      let lineNumber = line.dropFirst(lesson.path.count + 1).prefix(while: \.isNumber)
      let milliseconds = line[took.upperBound...].prefix(while: \.isNumber)
      guard seen.insert(lineNumber).inserted else { return nil }  // one warning per line
      return "\(lesson.path):\(lineNumber): warning: this expression took \(milliseconds) ms to type-check, "
        + "which slows every build after a change to the lesson; write out its closures' types, as in `{ (t: Int) -> Double in … }`"
    }
  }

  static func firstLessonLine(in text: String, lesson: Lesson) -> Int? {
    guard let range = text.range(of: "\(lesson.path):") else { return nil }
    return Int(text[range.upperBound...].prefix(while: \.isNumber))
  }

  static func readText(_ url: URL) -> String {
    String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
  }

  static func appending(_ existing: String?, _ line: String) -> String {
    existing.map { $0 + "\n" + line } ?? line
  }

  static func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
  }
}

extension String {
  fileprivate func withPath(_ path: String) -> String { path + ":" + self }
}
