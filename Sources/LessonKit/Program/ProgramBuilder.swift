/// Turns a lesson's runnable cells into one Swift program.
///
/// Cells run in order and share state, like notebook cells. Before each cell a
/// `#sourceLocation` directive names the lesson file and line, so compiler errors and
/// traps point at the Markdown. Cell boundaries are not printed on standard output,
/// where a lesson's own `print` could forge them: the program records, on a separate
/// channel file, the byte offset of standard output and standard error at which each
/// cell starts.
public enum ProgramBuilder {
  /// The program's source for `lesson`.
  public static func source(for lesson: Lesson) -> String {
    var source = prelude
    for cell in lesson.cells where cell.runs {
      source += "__Unrolled.begin(\(cell.index))\n"
      if cell.mode == .fails {
        source += "if __Unrolled.runsFailingCell(\(cell.index)) {\n"
      }
      source += "#sourceLocation(file: \(literal(lesson.path)), line: \(cell.codeLine))\n"
      source += cell.code
      if !cell.code.hasSuffix("\n") { source += "\n" }
      source += "#sourceLocation()\n"
      if cell.mode == .fails {
        source += "__Unrolled.survived(\(cell.index))\n}\n"
      }
    }
    source += "__Unrolled.finish()\n"
    return source
  }

  /// A Swift string literal for `text` (quotes and backslashes escaped).
  static func literal(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return "\"" + escaped + "\""
  }

  /// The code every lesson program starts with: unbuffered-by-line output, the output
  /// size limit, and the boundary channel (whose location is read from the
  /// environment, then removed from it so cells cannot find it).
  static let prelude = """
    import Foundation
    import RNN

    enum __Unrolled {
      nonisolated(unsafe) static var channel: Int32 = -1
      nonisolated(unsafe) static var failingCell = -1
      nonisolated(unsafe) static var currentCell = -1

      static func start() {
        setvbuf(stdout, nil, _IOLBF, 0)
        if let limit = getenv("UNROLLED_OUTPUT_LIMIT").flatMap({ rlim_t(String(cString: $0)) }) {
          var rl = rlimit(rlim_cur: limit, rlim_max: limit)
          setrlimit(Int32(RLIMIT_FSIZE.rawValue), &rl)
        }
        if let path = getenv("UNROLLED_CHANNEL") {
          channel = open(path, O_WRONLY | O_APPEND)
        }
        if let cell = getenv("UNROLLED_FAILING_CELL") { failingCell = Int(String(cString: cell)) ?? -1 }
        unsetenv("UNROLLED_CHANNEL")
        unsetenv("UNROLLED_FAILING_CELL")
        unsetenv("UNROLLED_OUTPUT_LIMIT")
        DisplayChannel.send = { html, summary in display(html, summary) }
      }

      static func mark(_ text: String) {
        fflush(stdout)
        fflush(stderr)
        let line = "\\(text) \\(lseek(1, 0, SEEK_CUR)) \\(lseek(2, 0, SEEK_CUR))\\n"
        _ = line.withCString { write(channel, $0, strlen($0)) }
      }

      static func begin(_ cell: Int) {
        if failingCell >= 0 && cell > failingCell { exit(0) }
        currentCell = cell
        mark("cell \\(cell)")
      }

      /// A display: its header line (cell, output offsets, sizes), then its bytes.
      static func display(_ html: String, _ summary: String) {
        fflush(stdout)
        fflush(stderr)
        let payload = Array((html + summary).utf8)
        let header = "display \\(currentCell) \\(lseek(1, 0, SEEK_CUR)) \\(lseek(2, 0, SEEK_CUR)) \\(html.utf8.count) \\(summary.utf8.count)\\n"
        _ = header.withCString { write(channel, $0, strlen($0)) }
        _ = payload.withUnsafeBytes { write(channel, $0.baseAddress, $0.count) }
      }

      static func runsFailingCell(_ cell: Int) -> Bool { cell == failingCell }

      static func survived(_ cell: Int) {
        mark("survived \\(cell)")
        exit(0)
      }

      static func finish() { mark("end") }
    }
    __Unrolled.start()

    """
}
