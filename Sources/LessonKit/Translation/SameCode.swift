/// Same code: a translation's Swift cells are its original's, in the same order, with the
/// same fences and the same tokens. Only comments and the text of string literals (not
/// the code of their interpolations) may differ.
public enum SameCode {
  /// How a translation's code compares with its original's.
  public struct Comparison: Sendable {
    /// Each difference, at the translation's line, naming the original's file and line.
    public var differences: [Diagnostic] = []
    /// Whether the two programs differ at most in comments, so the original's run is the
    /// translation's too.
    public var onlyComments = true
  }

  /// The cells the rule covers: every Swift cell, run or not (`norun` and `exercise`
  /// cells are shown to readers and must stay the same too).
  static func swiftCells(_ lesson: Lesson) -> [Cell] { lesson.cells.filter { $0.language == "swift" } }

  /// Compares `translation`'s Swift cells with `original`'s, in order.
  public static func compare(_ translation: Lesson, original: Lesson) -> Comparison {
    let ours = swiftCells(translation)
    let theirs = swiftCells(original)
    var comparison = Comparison()
    if ours.count != theirs.count {
      comparison.onlyComments = false
      comparison.differences.append(
        Diagnostic(
          file: translation.path, line: ours.first?.fenceLine ?? 1,
          message: "this translation has \(ours.count) Swift cells and \(original.path) has \(theirs.count): "
            + "a translation keeps every cell of its original, in order"))
    }
    for (cell, originalCell) in zip(ours, theirs) {
      if let difference = difference(cell, in: translation, from: originalCell, in: original) {
        comparison.differences.append(difference)
        comparison.onlyComments = false
        // Past a missing or extra cell every pair is out of step: its first difference says it.
        if ours.count != theirs.count { break }
      } else if comparison.onlyComments && cell.code != originalCell.code
        && CodeTokens.of(cell.code).map(\.text) != CodeTokens.of(originalCell.code).map(\.text)
      {
        comparison.onlyComments = false
      }
    }
    return comparison
  }

  /// The first difference between two cells, other than in comments and string text.
  static func difference(_ cell: Cell, in translation: Lesson, from original: Cell, in originalLesson: Lesson)
    -> Diagnostic?
  {
    let there = "\(originalLesson.path):\(original.fenceLine)"
    if cell.info != original.info {
      return Diagnostic(
        file: translation.path, line: cell.fenceLine,
        message: "this cell's fence is ```\(cell.info) and the original's (\(there)) is ```\(original.info): "
          + "fences stay as in the original")
    }
    guard cell.code != original.code else { return nil }
    let ours = CodeTokens.of(cell.code).filter { $0.kind == .code }
    let theirs = CodeTokens.of(original.code).filter { $0.kind == .code }
    let mismatch = zip(ours, theirs).enumerated().first { $0.element.0.text != $0.element.1.text }?.offset
    guard let index = mismatch ?? (ours.count == theirs.count ? nil : min(ours.count, theirs.count)) else {
      return nil
    }
    func excerpt(_ tokens: [CodeToken]) -> String {
      guard index < tokens.count else { return "(the cell's end)" }
      return "`" + tokens[index..<min(tokens.count, index + 4)].map(\.text).joined(separator: " ") + "`"
    }
    let line = index < ours.count ? cell.codeLine + ours[index].line - 1 : cell.closingLine
    let originalLine = index < theirs.count ? original.codeLine + theirs[index].line - 1 : original.closingLine
    return Diagnostic(
      file: translation.path, line: line,
      message: "the code differs from the original (\(originalLesson.path):\(originalLine)): \(excerpt(ours)) here, "
        + "\(excerpt(theirs)) there; a translation may change only comments and the text of string literals")
  }
}
