/// Turns a lesson's runnable cells into one Swift program.
///
/// Cells run in order and share state, like notebook cells. Before each cell a
/// `#sourceLocation` directive names the lesson file and line, so compiler errors and
/// traps point at the Markdown. Cell boundaries travel on the runner's private
/// `Channel`, never on standard output, where a lesson's own `print` could forge them.
public enum ProgramBuilder {
  /// The program's source for `lesson`.
  public static func source(for lesson: Lesson) -> String {
    var source = prelude
    // An exercise's solution runs in the exercise's place, before its checks, however
    // far below them it is shown.
    var solutions: [String: Cell] = [:]
    for cell in lesson.cells where cell.mode == .solution {
      if let name = cell.exercise, solutions[name] == nil { solutions[name] = cell }
    }
    let program = lesson.cells.compactMap { cell -> Cell? in
      if cell.mode == .exercise { return cell.exercise.flatMap { solutions[$0] } }
      if cell.mode == .solution, let name = cell.exercise, solutions[name] == cell { return nil }
      return cell.runs ? cell : nil
    }
    for cell in program {
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

  /// The code every lesson program starts with: unbuffered-by-line output, the
  /// channel's writing side, and the cell bookkeeping that uses it.
  static let prelude = "import Foundation\nimport RNN\n\n" + Channel.programSide + cellControl

  /// Where each cell starts, and which `fails` cell this run is for.
  static let cellControl = """
    enum __Unrolled {
      nonisolated(unsafe) static var failingCell = -1
      nonisolated(unsafe) static var currentCell = -1

      static func start() {
        setvbuf(stdout, nil, _IOLBF, 0)
        __UnrolledChannel.open()
        if let cell = getenv("UNROLLED_FAILING_CELL") { failingCell = Int(String(cString: cell)) ?? -1 }
        unsetenv("UNROLLED_FAILING_CELL")
        DisplayChannel.send = { html, summary in __UnrolledChannel.display(currentCell, html, summary) }
        CheckChannel.send = { name, passed, message in __UnrolledChannel.check(currentCell, name, passed, message) }
      }

      static func begin(_ cell: Int) {
        if failingCell >= 0 && cell > failingCell { exit(0) }
        currentCell = cell
        __UnrolledChannel.mark("cell", cell)
      }

      static func runsFailingCell(_ cell: Int) -> Bool { cell == failingCell }

      static func survived(_ cell: Int) {
        __UnrolledChannel.mark("survived", cell)
        exit(0)
      }

      static func finish() { __UnrolledChannel.mark("end", nil) }
    }
    __Unrolled.start()

    """
}
