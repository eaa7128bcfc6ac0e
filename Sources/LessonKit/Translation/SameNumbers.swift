/// Same numbers: every `output` block of a translation, and what its cell printed, show
/// the numbers its original's cell printed, in the same order. Words may differ (they
/// come from translated string literals); numbers may not.
///
/// A *number*, here, is what a program prints for one: ASCII digits with at most one
/// decimal point and a digit after it (`3`, `0.4621`, `.5`; `5.` at a sentence's end is
/// `5`), an optional exponent (`1e-7`, `2.5E+03`)
/// and a sign when the `+` or `-` does not follow a letter, digit, `_`, `)`, `]` or `.`
/// (`-0.5` in `loss -0.5`, but `1` in `t-1`), or one of the words `nan`, `inf`,
/// `-inf` standing apart from other Latin letters. Digits after a letter count too
/// (`1` in `h1`), so a label's numbers are kept. A percent sign is not part of it
/// (`86.0%` is `86.0`). Numbers are compared as written, so `0.50` is not `0.5`.
public enum SameNumbers {
  /// The numbers in `text`, in order.
  public static func numbers(in text: String) -> [String] {
    let c = Array(text)
    var found: [String] = []
    func isDigit(_ k: Int) -> Bool { k >= 0 && k < c.count && c[k].isASCII && c[k].isNumber }
    func isLatinLetter(_ k: Int) -> Bool { k >= 0 && k < c.count && c[k].isASCII && c[k].isLetter }
    func digits(from j: Int) -> Int {
      var k = j
      while isDigit(k) { k += 1 }
      return k
    }
    func word(_ w: String, at k: Int) -> Bool {
      let letters = Array(w)
      guard k + letters.count <= c.count, Array(c[k..<(k + letters.count)]) == letters else { return false }
      return !isLatinLetter(k - 1) && !isLatinLetter(k + letters.count)
    }
    var i = 0
    while i < c.count {
      let start = i
      var k = i
      if c[k] == "-" || c[k] == "+" {
        let before = k > 0 ? c[k - 1] : " "
        let signable = !(before.isASCII && (before.isLetter || before.isNumber)) && !"_)].".contains(before)
        guard signable else {
          i += 1
          continue
        }
        k += 1
      }
      if word("nan", at: k) || word("inf", at: k) {
        found.append(String(c[start..<(k + 3)]))
        i = k + 3
        continue
      }
      let startsNumber = isDigit(k) || (k < c.count && c[k] == "." && isDigit(k + 1) && !isDigit(k - 1))
      guard startsNumber else {
        i += 1
        continue
      }
      var end = digits(from: k)
      // A point belongs to the number only with a digit after it: a sentence's full stop
      // ("total 5.") is not part of its number.
      if end < c.count, c[end] == ".", isDigit(end + 1) { end = digits(from: end + 1) }
      if end < c.count, c[end] == "e" || c[end] == "E" {
        var e = end + 1
        if e < c.count, c[e] == "-" || c[e] == "+" { e += 1 }
        if isDigit(e) { end = digits(from: e) }
      }
      found.append(String(c[start..<end]))
      i = end
    }
    return found
  }

  /// The differences between `translation`'s outputs and `original`'s, given their runs:
  /// for every cell of the translation with an `output` block, its block and its run
  /// against the original cell's run (the cells paired in order, as ``SameCode`` pairs
  /// them), and a block the original has that the translation lacks.
  public static func differences(
    _ translation: Lesson, run: LessonRun, original: Lesson, originalRun: LessonRun
  ) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for (cell, originalCell) in zip(SameCode.swiftCells(translation), SameCode.swiftCells(original)) {
      guard let expected = cell.expected else {
        if let theirs = originalCell.expected {
          found.append(
            Diagnostic(
              file: translation.path, line: cell.closingLine,
              message: "the original's cell has an `output` block (\(original.path):\(theirs.fenceLine)) and this "
                + "one has none: add one after this cell (unrolled test --bless fills it)"))
        }
        continue
      }
      guard let theirResult = originalRun.cells[originalCell.index] else { continue }
      let reference = numbers(in: expected.includesDisplays ? theirResult.outputWithSummaries : theirResult.output)
      let there = "\(original.path):\(originalCell.expected?.fenceLine ?? originalCell.codeLine)"
      if let problem = firstDifference(numbers(in: expected.text), reference) {
        found.append(
          Diagnostic(
            file: translation.path, line: expected.fenceLine,
            message: "this `output` block's numbers are not the original's (\(there)): \(problem)"))
      } else if let result = run.cells[cell.index],
        let problem = firstDifference(
          numbers(in: expected.includesDisplays ? result.outputWithSummaries : result.output), reference)
      {
        found.append(
          Diagnostic(
            file: translation.path, line: expected.fenceLine,
            message: "this cell printed numbers that are not the original's (\(there)): \(problem)"))
      }
    }
    return found
  }

  /// Where two lists of numbers first differ, in words; `nil` when they are the same.
  static func firstDifference(_ ours: [String], _ theirs: [String]) -> String? {
    for (index, (a, b)) in zip(ours, theirs).enumerated() where a != b {
      return "number \(index + 1) is \(a) here and \(b) in the original"
    }
    if ours.count < theirs.count {
      return "\(ours.count) numbers here, \(theirs.count) in the original; the first missing is \(theirs[ours.count])"
    }
    if ours.count > theirs.count {
      return "\(ours.count) numbers here, \(theirs.count) in the original; the first extra is \(ours[theirs.count])"
    }
    return nil
  }
}
