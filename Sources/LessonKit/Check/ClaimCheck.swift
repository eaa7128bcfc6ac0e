/// Claims: every result a lesson's prose states must be one its cells printed.
///
/// A *stated number* is a number in the prose (headings, paragraphs, lists, tables, and
/// TeX math such as `$0.0126$`) written with a decimal point, an exponent or a percent
/// sign: `0.4621`, `84.6%`, `1e-7`, `90%`. Integers without one (`25 steps`, `2015`),
/// version numbers (`6.3.1`) and numbers glued to a letter before them (`v1.2`) are not
/// claims; a Chinese character beside a number does not glue to it (`损失为0.16，` states
/// `0.16`), and a full-width percent sign is a percent sign (`86.0％`). Code is not prose: fenced blocks, inline code, HTML comments and tags, and
/// link addresses are skipped.
///
/// A stated number is proved when it occurs, as written, in something a cell of the
/// same lesson printed (its text output, or the text of a table or chart it showed) with
/// digit boundaries: `104.36` is found in `loss 104.36` but not in `104.361` or
/// `1104.36`, and `84.6%` is found in `accuracy 84.6`. Numbers are compared as strings,
/// so the prose must round as the output does.
///
/// A number is not a result when the lesson's own code states it: `0.5` in "take
/// $w_{xh} = 0.5$" is proved by `let wxh = 0.5` in a cell that runs. Any other number
/// that is an input, not a result, is marked in the Markdown with an HTML comment in its
/// paragraph (the lines up to the next blank line), written as the prose writes it:
///
///     <!-- unrolled: given 0.5 1e-7 -->
///
/// The comment is invisible on the page and applies to that paragraph only.
public enum ClaimCheck {
  /// The numbers stated in `lesson`'s prose (from `source`, the lesson file's text) that
  /// no output of `run` holds, its code does not state, and no `given` comment marks,
  /// each with its line.
  public static func unprovedNumbers(_ lesson: Lesson, _ run: LessonRun, source: String) -> [Diagnostic] {
    let printed = lesson.cells.compactMap { run.cells[$0.index] }.flatMap { result in
      [result.output] + result.displays.map { textContent(of: $0.html) }
    }
    let code = lesson.cells.filter(\.runs).map(\.code)
    var diagnostics: [Diagnostic] = []
    for paragraph in paragraphs(of: source) {
      var reported: Set<String> = []
      for (line, number) in paragraph.numbers {
        let digits = number.hasSuffix("%") ? String(number.dropLast()) : number
        if paragraph.given.contains(number) || paragraph.given.contains(digits) { continue }
        if printed.contains(where: { occurs(digits, in: $0) }) || code.contains(where: { occurs(digits, in: $0) }) {
          continue
        }
        guard reported.insert("\(line) \(number)").inserted else { continue }
        diagnostics.append(
          Diagnostic(
            file: lesson.path, line: line,
            message: "'\(number)' is stated here but printed by no cell of this lesson: print it as the prose "
              + "writes it, or, if it is not a result, mark it with <!-- unrolled: given \(number) -->"))
      }
    }
    return diagnostics
  }

  /// A run of non-blank prose lines, with its stated numbers and the numbers its
  /// comments mark as given.
  struct Paragraph {
    var numbers: [(line: Int, number: String)] = []
    var given: Set<String> = []
  }

  /// The prose of a Markdown file cut into paragraphs, code fences left out.
  static func paragraphs(of source: String) -> [Paragraph] {
    var paragraphs: [Paragraph] = []
    var current = Paragraph()
    var fences = FenceTracker()
    var comment: String?  // the text of an HTML comment still open at the end of a line
    func close() {
      if !current.numbers.isEmpty || !current.given.isEmpty { paragraphs.append(current) }
      current = Paragraph()
    }
    for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
      switch fences.role(of: line[...], fencesCount: comment == nil) {
      case .opening:
        close()
        continue
      case .code: continue
      case .prose: break
      }
      if line.allSatisfy(\.isWhitespace) && comment == nil {
        close()
        continue
      }
      let (prose, comments, open) = withoutCode(line, openComment: comment)
      comment = open
      for text in comments { current.given.formUnion(givenNumbers(in: text)) }
      for number in statedNumbers(in: prose) { current.numbers.append((index + 1, number)) }
    }
    close()
    return paragraphs
  }

  /// A line with inline code, HTML comments, tags and link addresses blanked out, the
  /// comments that ended on it, and the text of a comment it leaves open. Linear in the
  /// line's length: every "where does this end" question is answered from tables made in
  /// one pass, so a line of unmatched backticks, `<a` or `](` costs no more than prose.
  static func withoutCode(_ line: String, openComment: String?) -> (
    prose: String, comments: [String], open: String?
  ) {
    let characters = Array(line)
    let ends = LineEnds(characters)
    var comments: [String] = []
    var comment = openComment
    var prose: [Character] = []
    var i = 0
    func starts(_ text: String, at j: Int) -> Bool {
      var k = j
      for c in text {
        guard k < characters.count, characters[k] == c else { return false }
        k += 1
      }
      return true
    }
    while i < characters.count {
      if var text = comment {
        if starts("-->", at: i) {
          comments.append(text)
          comment = nil
          i += 3
        } else {
          text.append(characters[i])
          comment = text
          i += 1
        }
        continue
      }
      if starts("<!--", at: i) {
        comment = ""
        i += 4
        continue
      }
      let c = characters[i]
      if c == "`", ends.backtickRun[i] > 0 {  // a code span: as many backticks close it
        let run = ends.backtickRun[i]
        if let closing = ends.closingRun[i] {
          prose.append(" ")
          i = closing + run
        } else {  // no closing run: the backticks are text
          prose.append(contentsOf: characters[i..<(i + run)])
          i += run
        }
        continue
      }
      if c == "<", let end = ends.next(">", after: i), i + 1 < characters.count,
        characters[i + 1].isLetter || characters[i + 1] == "/"
      {
        prose.append(" ")  // a tag or an autolink
        i = end + 1
        continue
      }
      if c == "]", i + 1 < characters.count, characters[i + 1] == "(", let end = ends.next(")", after: i + 1) {
        prose.append(contentsOf: "] ")  // a link's address
        i = end + 1
        continue
      }
      if starts("http://", at: i) || starts("https://", at: i) {
        while i < characters.count && !characters[i].isWhitespace { i += 1 }
        prose.append(" ")
        continue
      }
      prose.append(c)
      i += 1
    }
    return (String(prose), comments, comment)
  }

  /// Where things end on one line, worked out in one pass each: the next `>` and `)`
  /// after every position, and for every run of backticks its length and the start of
  /// the next run of the same length.
  struct LineEnds {
    /// At the start of a run of backticks, its length; 0 elsewhere.
    var backtickRun: [Int]
    /// At the start of a run of backticks, the start of the next run just as long.
    var closingRun: [Int?]
    private var nextAngle: [Int?]
    private var nextParen: [Int?]

    init(_ characters: [Character]) {
      let n = characters.count
      backtickRun = Array(repeating: 0, count: n)
      closingRun = Array(repeating: nil, count: n)
      nextAngle = Array(repeating: nil, count: n + 1)
      nextParen = Array(repeating: nil, count: n + 1)
      var i = n - 1
      var runEnd = n
      var nearestRun: [Int: Int] = [:]  // run length → start of the nearest such run to the right
      while i >= 0 {
        nextAngle[i] = characters[i] == ">" ? i : nextAngle[i + 1]
        nextParen[i] = characters[i] == ")" ? i : nextParen[i + 1]
        if characters[i] != "`" { runEnd = i }
        if characters[i] == "`" && (i == 0 || characters[i - 1] != "`") {
          let length = runEnd - i
          backtickRun[i] = length
          closingRun[i] = nearestRun[length]
          nearestRun[length] = i
        }
        i -= 1
      }
    }

    /// The position of the first `character` (`>` or `)`) after `position`.
    func next(_ character: Character, after position: Int) -> Int? {
      let table = character == ">" ? nextAngle : nextParen
      return position + 1 < table.count ? table[position + 1] : nil
    }
  }

  /// The numbers `text` states: with a decimal point, an exponent or a percent sign.
  static func statedNumbers(in text: String) -> [String] {
    let c = Array(text)
    var numbers: [String] = []
    var i = 0
    func digits(from j: Int) -> Int {
      var k = j
      while k < c.count && c[k].isASCII && c[k].isNumber { k += 1 }
      return k
    }
    while i < c.count {
      guard c[i].isASCII, c[i].isNumber else {
        i += 1
        continue
      }
      let start = i
      let gluedBefore = start > 0 && (isWordLetter(c[start - 1]) || c[start - 1] == "_" || c[start - 1] == ".")
      var end = digits(from: i)
      var counts = false
      var dots = 0
      while end + 1 < c.count && c[end] == "." && c[end + 1].isASCII && c[end + 1].isNumber {
        end = digits(from: end + 1)
        dots += 1
      }
      counts = dots == 1
      if end + 1 < c.count, c[end] == "e" || c[end] == "E" {
        var k = end + 1
        if k < c.count && (c[k] == "-" || c[k] == "+") { k += 1 }
        let exponentEnd = digits(from: k)
        if exponentEnd > k && (exponentEnd == c.count || !isWordLetter(c[exponentEnd])) {
          end = exponentEnd
          counts = dots <= 1
        }
      }
      var number = String(c[start..<end])
      var percent = end
      if percent < c.count && c[percent] == "\\" { percent += 1 }  // TeX: 84.6\%
      if percent < c.count && (c[percent] == "%" || c[percent] == "％") {
        number += "%"
        end = percent + 1
        counts = dots <= 1
      }
      if counts && !gluedBefore { numbers.append(number) }
      i = end
    }
    return numbers
  }

  /// Whether `c` is a letter that glues to a number beside it as part of one word (`v1.2`,
  /// `1e5x`): a letter of an alphabet, not a Chinese, Japanese or Korean character, which
  /// sits beside a number with no space between (`损失为0.16，`).
  static func isWordLetter(_ c: Character) -> Bool {
    guard c.isLetter else { return false }
    guard let scalar = c.unicodeScalars.first?.value else { return true }
    let ideographic: [ClosedRange<UInt32>] = [
      0x2E80...0x2FDF, 0x3040...0x30FF, 0x3100...0x312F, 0x3190...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x3FFFF,
    ]
    return !ideographic.contains { $0.contains(scalar) }
  }

  /// The numbers an `unrolled: given` comment lists.
  static func givenNumbers(in comment: String) -> Set<String> {
    let words = comment.split(whereSeparator: \.isWhitespace).map(String.init)
    guard words.count >= 2, words[0] == "unrolled:", words[1] == "given" else { return [] }
    return Set(words.dropFirst(2))
  }

  /// Whether `number` occurs in `text` with digit boundaries: no digit or point before
  /// it, and no digit, or point and digit, after it.
  static func occurs(_ number: String, in text: String) -> Bool {
    var searchStart = text.startIndex
    while let range = text.range(of: number, range: searchStart..<text.endIndex) {
      let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
      let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
      let afterNext =
        range.upperBound < text.endIndex && text.index(after: range.upperBound) < text.endIndex
        ? text[text.index(after: range.upperBound)] : nil
      let boundedBefore = !(before?.isNumber ?? false) && before != "."
      let boundedAfter = !(after?.isNumber ?? false) && !(after == "." && (afterNext?.isNumber ?? false))
      if boundedBefore && boundedAfter { return true }
      searchStart = text.index(after: range.lowerBound)
    }
    return false
  }

  /// The text of a display's HTML (a table's cells, a chart's labels and description),
  /// without its tags and attributes, where coordinates would look like numbers.
  static func textContent(of html: String) -> String {
    var text = ""
    var inTag = false
    for c in html {
      if c == "<" {
        inTag = true
      } else if c == ">" {
        inTag = false
        text.append(" ")
      } else if !inTag {
        text.append(c)
      }
    }
    return text
  }
}
