/// The fences of named exercises, `swift exercise NAME`, `swift solution NAME`,
/// `swift check NAME` and `swift check NAME hidden`, and the rules that tie them
/// together: a name is defined once, by its exercise, which has a solution.
enum ExerciseFence {
  /// A fence's mode, name and whether it is hidden.
  struct Fence {
    var mode: CellMode
    var name: String
    var hidden = false
  }

  /// What is wrong with a fence.
  struct Problem: Error {
    var message: String
  }

  /// The named fence that `options` (the words after `swift`) spell, a problem with
  /// one, or `nil` when they are not a named fence (`solution` alone is the folded
  /// solution of an exercise in the prose).
  static func read(_ options: [String]) -> Result<Fence, Problem>? {
    guard let kind = options.first, ["exercise", "solution", "check"].contains(kind) else { return nil }
    if kind == "solution" && options.count == 1 { return nil }
    guard options.count >= 2 else {
      return .failure(Problem(message: "`swift \(kind)` needs the exercise's name: `swift \(kind) NAME`"))
    }
    let name = options[1]
    guard isName(name) else {
      return .failure(
        Problem(message: "'\(name)' is not an exercise name: use letters, digits, '-' and '_', such as rnn-step"))
    }
    switch (kind, options.count) {
    case ("exercise", 2): return .success(Fence(mode: .exercise, name: name))
    case ("solution", 2): return .success(Fence(mode: .solution, name: name))
    case ("check", 2): return .success(Fence(mode: .check, name: name))
    case ("check", 3) where options[2] == "hidden": return .success(Fence(mode: .check, name: name, hidden: true))
    default:
      let usage = kind == "check" ? "`swift check NAME` or `swift check NAME hidden`" : "`swift \(kind) NAME`"
      return .failure(Problem(message: "unexpected words after `swift \(kind) \(name)`: use \(usage)"))
    }
  }

  /// Letters, digits, `-` and `_`.
  static func isName(_ text: String) -> Bool {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
      }
  }

  /// Each misuse of names in `blocks`, at its fence's line: a name defined twice, a
  /// solution or check of no exercise (or before it), an exercise without a solution
  /// or with two.
  static func problems(in blocks: [LessonBlock], path: String) -> [Diagnostic] {
    let cells = blocks.compactMap { if case .cell(let c) = $0 { c } else { nil } }
    var problems: [Diagnostic] = []
    var defined: [String: Int] = [:]
    var solved: [String: Int] = [:]
    for cell in cells {
      guard let name = cell.exercise, let mode = cell.mode else { continue }
      switch mode {
      case .exercise:
        if let first = defined[name] {
          problems.append(
            Diagnostic(
              file: path, line: cell.fenceLine,
              message: "exercise \(name) is already defined on line \(first): each exercise needs a name of its own"))
        } else {
          defined[name] = cell.fenceLine
        }
      case .solution, .check:
        let what = mode == .solution ? "solution" : "check"
        if defined[name] == nil {
          let later = cells.first { $0.mode == .exercise && $0.exercise == name }
          problems.append(
            Diagnostic(
              file: path, line: cell.fenceLine,
              message: later.map {
                "this \(what) of exercise \(name) comes before the exercise (line \($0.fenceLine)): put it after"
              }
                ?? "\(what) for an unknown exercise '\(name)': no `swift exercise \(name)` cell in this lesson"))
        } else if mode == .solution {
          if let first = solved[name] {
            problems.append(
              Diagnostic(
                file: path, line: cell.fenceLine,
                message: "exercise \(name) already has a solution, on line \(first)"))
          } else {
            solved[name] = cell.fenceLine
          }
        }
      default: break
      }
    }
    for cell in cells where cell.mode == .exercise {
      guard let name = cell.exercise, defined[name] == cell.fenceLine, solved[name] == nil,
        !cells.contains(where: { $0.mode == .solution && $0.exercise == name })
      else { continue }
      problems.append(
        Diagnostic(
          file: path, line: cell.fenceLine,
          message: "exercise \(name) has no solution: add a `swift solution \(name)` cell after it"))
    }
    return problems
  }
}
