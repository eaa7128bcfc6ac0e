import Foundation

/// Reads a lesson file into a ``Lesson``: Markdown blocks become prose and cells, each
/// `output` block is attached to the cell above it, and mistakes become diagnostics
/// with the file's line.
public enum LessonParser {
  /// Parses `text`, the contents of the lesson at `path`.
  public static func parse(_ text: String, path: String) -> Lesson {
    // CRLF (Windows) and lone CR (old Mac) end lines as LF does; cmark counts lines the
    // same way, so line numbers agree.
    let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    let sourceLines = normalised.split(separator: "\n", omittingEmptySubsequences: false)
    var diagnostics: [Diagnostic] = []
    var blocks: [LessonBlock] = []
    var title: String?
    var summary = ""
    var cellCount = 0
    var options = LessonOptions()
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
    /// The block's HTML with each placeholder back: MathML in text, the TeX as written
    /// (escaped) in code and in attribute values, where markup cannot go.
    func restoringMath(_ html: String) -> String {
      math.placeholders.restore(html: html) { index, context in
        guard index < math.spans.count else { return "" }
        switch context {
        case .text: return mathML[index]
        case .code: return escapeHTML(math.spans[index].source)
        case .attribute(let name):
          let tex = math.spans[index].source
          return escapeHTML(name == "href" || name == "src" ? percentEncodedURL(tex) : tex)
        }
      }
    }
    /// Plain text (a heading's words, a code block's code) with the math as written.
    func restoringTeX(_ text: String) -> String { math.placeholders.restorePlain(text, spans: math.spans) }

    for var block in CMarkConverter.blocks(of: math.text) {
      block = MarkdownBlock(
        kind: block.kind, startLine: block.startLine, endLine: block.endLine,
        html: MathPunctuation.keepingTogether(restoringMath(block.html)),
        nestedHTML: block.nestedHTML)
      if case .html(let literal) = block.kind {
        options.read(restoringTeX(literal), line: block.startLine, path: path, into: &diagnostics)
      }
      for nested in block.nestedHTML where LessonOptions.isOptionComment(nested.literal) {
        diagnostics.append(
          Diagnostic(
            file: path, line: max(nested.line, block.startLine),
            message: "an `<!-- unrolled: … -->` comment sets options only on lines of its own, between "
              + "paragraphs; this one is inside a paragraph, list or quote and is ignored"))
      }
      switch block.kind {
      case .heading(let level, let text):
        let plain = restoringTeX(text)
        if level == 1, title == nil { title = plain }
        blocks.append(.prose(html: block.html, heading: (level, plain)))
      case .code(let protectedInfo, let protectedLiteral, let fenced):
        let literal = restoringTeX(protectedLiteral)
        let info = restoringTeX(protectedInfo)
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
          if case .cell(var previous)? = blocks.last, previous.expected == nil, previous.runs {
            previous.expected = expected
            blocks[blocks.count - 1] = .cell(previous)
          } else if case .cell(let previous)? = blocks.last, previous.expected == nil {
            let what = previous.language == "swift" ? "a `swift norun` cell" : "a cell that is not Swift"
            diagnostics.append(
              Diagnostic(
                file: path, line: block.startLine,
                message: "an `output` block must follow a Swift cell that runs; this one follows \(what), "
                  + "which never runs"))
          } else {
            diagnostics.append(
              Diagnostic(
                file: path, line: block.startLine,
                message: "an `output` block must come right after the code cell whose output it is"))
          }
          continue
        }
        var mode: CellMode?
        var exercise: String?
        var hidden = false
        if language == "swift" {
          let options = Array(words.dropFirst())
          let named = ExerciseFence.read(options)
          switch named {
          case .some(.success(let fence)):
            (mode, exercise, hidden) = (fence.mode, fence.name, fence.hidden)
          case .some(.failure(let problem)):
            diagnostics.append(Diagnostic(file: path, line: block.startLine, message: problem.message))
            mode = .norun
          case nil:
            if options.count > 1 {
              diagnostics.append(
                Diagnostic(
                  file: path, line: block.startLine,
                  message: "a cell takes one option, got \(options.joined(separator: " "))"))
            }
            if let option = options.first {
              if let known = CellMode(rawValue: option), known != .run, known != .exercise, known != .check {
                mode = known
              } else {
                diagnostics.append(
                  Diagnostic(
                    file: path, line: block.startLine,
                    message: "unknown cell option '\(option)': use hide, norun, fails, solution, "
                      + "exercise NAME, solution NAME, check NAME or check NAME hidden"))
                mode = .norun
              }
            } else {
              mode = .run
            }
          }
        }
        var cell = Cell(
          index: cellCount, language: language, mode: mode, code: literal,
          fenceLine: fenced ? block.startLine : block.startLine - 1, expected: nil)
        cell.exercise = exercise
        cell.hidden = hidden
        cell.closingLine = block.endLine
        cell.info = info.trimmingCharacters(in: .whitespaces)
        blocks.append(.cell(cell))
        cellCount += 1
      case .other, .html:
        if summary.isEmpty, title != nil, block.html.utf8.starts(with: "<p>".utf8) {
          let paragraph = block.html.trimmingCharacters(in: .whitespacesAndNewlines)
          summary = droppingSuffix("</p>", of: droppingPrefix("<p>", of: paragraph))
        }
        blocks.append(.prose(html: block.html, heading: nil))
      }
    }
    diagnostics += ExerciseFence.problems(in: blocks, path: path)
    let slug = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return Lesson(
      path: path, slug: slug, title: title ?? slug, summary: summary, blocks: blocks,
      diagnostics: diagnostics, timeLimit: options.timeLimit, memoryLimit: options.memoryLimit, source: text)
  }

  /// A fenced block is closed when its last line is a fence of the same character.
  private static func isClosed(_ block: MarkdownBlock, lines: [Substring]) -> Bool {
    guard block.endLine > block.startLine, block.endLine <= lines.count else { return false }
    let opening = lines[block.startLine - 1].drop(while: { $0 == " " })
    let closing = lines[block.endLine - 1].trimmingCharacters(in: .whitespaces)
    guard let fenceCharacter = opening.first else { return false }
    return !closing.isEmpty && closing.allSatisfy { $0 == fenceCharacter }
  }

  /// `text` (math as written, in a link's address) with the bytes a URL cannot hold
  /// percent-encoded, as cmark encodes the rest of the address.
  private static func percentEncodedURL(_ text: String) -> String {
    let safe = Set("-_.+!*'(),%#@?=;:/&$~".utf8)
    var result = ""
    for byte in text.utf8 {
      let isAlphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      if isAlphanumeric || safe.contains(byte) {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      }
    }
    return result
  }
}
