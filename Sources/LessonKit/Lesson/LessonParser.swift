import Foundation

/// Reads a lesson file into a ``Lesson``: Markdown blocks become prose and cells, each
/// `output` block is attached to the cell above it, and mistakes become diagnostics
/// with the file's line.
public enum LessonParser {
  /// Parses `text`, the contents of the lesson at `path`.
  public static func parse(_ text: String, path: String) -> Lesson {
    let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
    let sourceLines = normalised.split(separator: "\n", omittingEmptySubsequences: false)
    var diagnostics: [Diagnostic] = []
    var blocks: [LessonBlock] = []
    var title: String?
    var summary = ""
    var cellCount = 0
    let math = MathSpans.protect(normalised)
    for (line, message) in math.problems { diagnostics.append(Diagnostic(file: path, line: line, message: message)) }
    var mathML: [String] = []
    for span in math.spans {
      do {
        let converted = try TeXToMathML.convert(span.tex, display: span.display)
        // A displayed equation scrolls sideways on its own when it is wider than the
        // screen (browsers do not scroll a <math> element itself).
        mathML.append(span.display ? "<span class=\"equation\">\(converted)</span>" : converted)
      } catch {
        diagnostics.append(Diagnostic(file: path, line: span.line, message: "in the math `\(span.tex)`: \(error)"))
        mathML.append("<code class=\"math-error\">" + escapeHTML(span.tex) + "</code>")
      }
    }
    /// The block's HTML or text with each placeholder back as MathML (or as its TeX, for
    /// plain text such as a heading in the table of contents).
    func restoringMath(_ text: String, asTeX: Bool = false) -> String {
      guard text.contains("UNROLLEDMATH") else { return text }
      var result = text.replacingOccurrences(of: MathSpans.continuation, with: "")
      for index in math.spans.indices.reversed() {
        let replacement = asTeX ? math.spans[index].source : mathML[index]
        result = result.replacingOccurrences(of: MathSpans.placeholder(index), with: replacement)
      }
      return result
    }

    for var block in CMarkConverter.blocks(of: math.text) {
      block = MarkdownBlock(
        kind: block.kind, startLine: block.startLine, endLine: block.endLine, html: restoringMath(block.html))
      switch block.kind {
      case .heading(let level, let text):
        let plain = restoringMath(text, asTeX: true)
        if level == 1, title == nil { title = plain }
        blocks.append(.prose(html: block.html, heading: (level, plain)))
      case .code(let info, let protectedLiteral, let fenced):
        let literal = restoringMath(protectedLiteral, asTeX: true)
        let words = info.split(whereSeparator: \.isWhitespace).map(String.init)
        let language = words.first ?? ""
        if fenced && !isClosed(block, lines: sourceLines) {
          diagnostics.append(
            Diagnostic(
              file: path, line: block.startLine,
              message: "this code fence is never closed: add a line of ``` after the code"))
        }
        if language == "output" {
          var expected = ExpectedOutput(text: literal, fenceLine: block.startLine, closingLine: block.endLine)
          for option in words.dropFirst() {
            if option == "displays" {
              expected.includesDisplays = true
            } else {
              diagnostics.append(
                Diagnostic(
                  file: path, line: block.startLine,
                  message: "unknown output option '\(option)': use `output` or `output displays`"))
            }
          }
          if case .cell(var previous)? = blocks.last, previous.expected == nil {
            previous.expected = expected
            blocks[blocks.count - 1] = .cell(previous)
          } else {
            diagnostics.append(
              Diagnostic(
                file: path, line: block.startLine,
                message: "an `output` block must come right after the code cell whose output it is"))
          }
          continue
        }
        var mode: CellMode?
        if language == "swift" {
          let options = words.dropFirst()
          if options.count > 1 {
            diagnostics.append(
              Diagnostic(
                file: path, line: block.startLine,
                message: "a cell takes one option, got \(options.joined(separator: " "))"))
          }
          if let option = options.first {
            if let known = CellMode(rawValue: option), known != .run {
              mode = known
            } else {
              diagnostics.append(
                Diagnostic(
                  file: path, line: block.startLine,
                  message: "unknown cell option '\(option)': use hide, norun, fails or solution"))
              mode = .norun
            }
          } else {
            mode = .run
          }
        }
        blocks.append(
          .cell(
            Cell(
              index: cellCount, language: language, mode: mode, code: literal,
              fenceLine: fenced ? block.startLine : block.startLine - 1, expected: nil)))
        cellCount += 1
      case .other:
        if summary.isEmpty, title != nil, block.html.hasPrefix("<p>") {
          summary = block.html.trimmingCharacters(in: .whitespacesAndNewlines)
          summary = String(summary.dropFirst(3).dropLast(summary.hasSuffix("</p>") ? 4 : 0))
        }
        blocks.append(.prose(html: block.html, heading: nil))
      }
    }
    let slug = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return Lesson(
      path: path, slug: slug, title: title ?? slug, summary: summary, blocks: blocks,
      diagnostics: diagnostics, timeLimit: timeLimit(in: normalised))
  }

  /// A fenced block is closed when its last line is a fence of the same character.
  private static func isClosed(_ block: MarkdownBlock, lines: [Substring]) -> Bool {
    guard block.endLine > block.startLine, block.endLine <= lines.count else { return false }
    let opening = lines[block.startLine - 1].drop(while: { $0 == " " })
    let closing = lines[block.endLine - 1].trimmingCharacters(in: .whitespaces)
    guard let fenceCharacter = opening.first else { return false }
    return !closing.isEmpty && closing.allSatisfy { $0 == fenceCharacter }
  }

  /// `<!-- unrolled: timeout=120 -->` anywhere in the file sets the lesson's time limit.
  private static func timeLimit(in text: String) -> Double? {
    guard let range = text.range(of: #"<!--\s*unrolled:\s*timeout=(\d+(\.\d+)?)\s*-->"#, options: .regularExpression)
    else { return nil }
    let match = text[range]
    let digits = match.drop(while: { $0 != "=" }).dropFirst().prefix(while: { $0.isNumber || $0 == "." })
    return Double(digits)
  }
}
