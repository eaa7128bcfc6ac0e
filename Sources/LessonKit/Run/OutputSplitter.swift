import Foundation

/// Turns what a lesson program left behind (its standard output and error, its channel
/// records, and how the sandbox says it ended) into a result per cell.
struct OutputSplitter {
  let lesson: Lesson
  let limits: RunLimits
  let stdout: [UInt8]
  let stderr: [UInt8]
  let records: [Channel.Record]

  /// Fills in `run`'s cells: each cell's output runs from its mark to the next one, its
  /// displays keep their place, and the ending becomes the failure of the cell that was
  /// running. With `failingCell`, only that cell's result is recorded (the main run
  /// recorded the others).
  func split(end: SandboxEnd, failingCell: Int?, into run: inout LessonRun) {
    let marks = records.filter { $0.kind != "display" && $0.kind != "check" }
    for (i, mark) in marks.enumerated() where mark.kind == "cell" {
      if let failingCell, mark.cell != failingCell { continue }
      let nextOut = i + 1 < marks.count ? marks[i + 1].out : stdout.count
      var result = CellResult()
      result.output = cut(from: mark.out, to: nextOut)
      var displayBytes = 0
      for record in records where record.kind == "display" && record.cell == mark.cell {
        displayBytes += record.html.utf8.count
        let html =
          displayBytes <= limits.cellDisplayLimit
          ? record.html
          : "<p class=\"notice\">[display not shown: this cell's displays passed \(limits.cellDisplayLimit / (1024 * 1024)) MB]</p>"
        result.displays.append(DisplayOutput(offset: record.out - mark.out, html: html, summary: record.summary))
      }
      for record in records where record.kind == "check" && record.cell == mark.cell {
        if let check = record.check {
          result.checks.append(CheckResult(name: check.name, passed: check.passed, message: check.message))
        }
      }
      run.cells[mark.cell] = result
    }
    guard let failure = failure(end: end, failingCell: failingCell, marks: marks) else { return }
    guard let last = marks.last(where: { $0.kind == "cell" }) else {
      if failure.dependsOnTheMachine, let first = lesson.cells.first(where: \.runs) {
        // Stopped before the first cell began (refused, out of time while starting):
        // the first cell is where the reader looks.
        run.cells[first.index, default: CellResult()].failure = failure
        return
      }
      let detail = cleanedStderr(from: 0)
      let message = failure.diagnostic(file: lesson.path, cellLine: 1).message
      run.lessonErrors.append(
        Diagnostic(
          file: lesson.path, line: 1,
          message: "the program stopped before its first cell: \(message)" + (detail.isEmpty ? "" : "\n" + detail)))
      return
    }
    run.cells[last.cell, default: CellResult()].failure = failure
  }

  /// How the program's ending fails the lesson, if it does.
  private func failure(end: SandboxEnd, failingCell: Int?, marks: [Channel.Record]) -> CellFailure? {
    let last = marks.last(where: { $0.kind == "cell" })
    let cellLine = lesson.cells.first { $0.index == last?.cell }?.codeLine ?? 1
    let detail = cleanedStderr(from: last?.err ?? 0)
    let outOfMemoryText = ["Could not allocate memory", "Cannot allocate memory", "failed to allocate"]
    switch end {
    case .exited(0) where failingCell == nil && marks.last?.kind == "end":
      return stdout.count >= limits.programOutputLimit ? .outputLimit(bytes: limits.programOutputLimit) : nil
    case .exited(0) where failingCell != nil && marks.contains { $0.kind == "survived" && $0.cell == failingCell }:
      return .failsCellDidNotFail
    case .exited(let status):
      return .runtimeError(.exited(status), line: cellLine, detail: detail)
    case .signalled(SIGXFSZ):
      return .outputLimit(bytes: limits.programOutputLimit)
    case .signalled where outOfMemoryText.contains { detail.contains($0) }:
      return .outOfMemory(limit: limits.memoryLimit)
    case .signalled(let signal):
      let line = firstLessonLine(in: detail) ?? cellLine
      return .runtimeError(
        signal == SIGILL || signal == SIGTRAP ? .trapped : .signalled(signal), line: line, detail: detail)
    case .timedOut:
      return .timedOut(seconds: limits.timeLimit)
    case .outOfMemory:
      return .outOfMemory(limit: limits.memoryLimit)
    case .interrupted:
      return .interrupted
    case .refused(let why):
      return .refused(why)
    }
  }

  /// The bytes `from..<to` of standard output as text (invalid UTF-8 shown as U+FFFD),
  /// cut to the cell limit with a notice.
  private func cut(from: Int, to: Int) -> String {
    let start = min(max(from, 0), stdout.count)
    let end = min(max(to, start), stdout.count)
    let count = end - start
    if count <= limits.cellOutputLimit {
      return String(decoding: stdout[start..<end], as: UTF8.self)
    }
    var shown = String(decoding: stdout[start..<(start + limits.cellOutputLimit)], as: UTF8.self)
    if shown.last == "\u{FFFD}" { shown.removeLast() }  // a character cut in half
    if !shown.hasSuffix("\n") { shown += "\n" }
    return shown + "[output cut: \(count - limits.cellOutputLimit) more bytes not shown]\n"
  }

  /// Standard error from byte `offset`, made fit for a page: the runtime's
  /// module-relative file names turned into the lesson's path, addresses, process
  /// numbers and the backtracer's chatter removed, so two runs give the same text.
  func cleanedStderr(from offset: Int) -> String {
    let text = String(decoding: stderr.dropFirst(max(0, offset)), as: UTF8.self)
    let base = (lesson.path as NSString).lastPathComponent
    var kept: [String] = []
    var inBacktrace = false
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = raw.replacingOccurrences(of: "Lesson/\(base)", with: lesson.path)
      if line.hasPrefix("💣") || line.hasPrefix("*** ") { inBacktrace = true }
      if !inBacktrace {
        kept.append(line)
      } else if let at = line.range(of: " at \(lesson.path):") {
        kept.append("  at " + lesson.path + ":" + line[at.upperBound...].prefix(while: { !$0.isWhitespace }))
      }
    }
    while kept.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { kept.removeLast() }
    while kept.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { kept.removeFirst() }
    return kept.joined(separator: "\n")
  }

  private func firstLessonLine(in text: String) -> Int? {
    guard let range = text.range(of: "\(lesson.path):") else { return nil }
    return Int(text[range.upperBound...].prefix(while: \.isNumber))
  }
}
