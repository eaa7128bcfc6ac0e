/// Renders lesson pages and the index as HTML, with each cell's results right under it.
///
/// Everything a cell printed is escaped; nothing on a page depends on the machine or
/// the time, so two builds give the same bytes.
public enum PageRenderer {
  /// Who a page is for.
  public enum Audience: Sendable {
    /// The site: solutions folded, hidden checks left out.
    case site
    /// A student's handout: no solutions at all, room to write under each exercise's
    /// starter, hidden checks left out.
    case student
    /// A teacher's answer key: solutions open, hidden checks shown and marked.
    case key
  }

  /// The page of `ran`, with links to the lessons before and after it; with
  /// `openSolutions` the solutions start unfolded (a teacher's printed copy).
  public static func page(
    _ ran: RanLesson, previous: Lesson?, next: Lesson?, openSolutions: Bool = false, audience: Audience = .site
  ) -> String {
    let lesson = ran.lesson
    var body = ""
    var contents: [(id: String, html: String)] = []
    var usedIds: Set<String> = []
    var beforeContents: String?  // the page up to its title, where the table of contents goes
    if !lesson.diagnostics.isEmpty || !ran.run.lessonErrors.isEmpty {
      let messages = (lesson.diagnostics + ran.run.lessonErrors).map(\.description)
      body += "<pre class=\"error\" role=\"alert\">" + escapeHTML(messages.joined(separator: "\n")) + "</pre>\n"
    }
    // After a solution, the prose that explains it (up to the next exercise, heading or
    // cell) goes inside its fold, so a page or handout that hides the solution hides
    // its explanation too.
    var afterSolution = false
    var explaining = false  // the fold of the last solution has an explanation already
    for block in lesson.blocks {
      switch block {
      case .prose(var html, let heading):
        if heading != nil { afterSolution = false }
        if afterSolution {
          let (explanation, rest) = Self.splitExplanation(html)
          if !explanation.isEmpty && audience != .student {
            // Into the fold, after what is already there.
            if explaining {
              body = droppingSuffix("</div>\n</details>\n", of: body)
            } else {
              body = droppingSuffix("</details>\n", of: body) + "<div class=\"explanation\">\n"
              explaining = true
            }
            body += explanation + "</div>\n</details>\n"
          }
          guard !rest.isEmpty else { continue }  // the explanation may go on in the next block
          afterSolution = false
          html = rest
        }
        if let heading, heading.level == 2 {
          // The second "Setup" is setup-2, unless a heading already took that id.
          let base = anchor(heading.text)
          var id = base
          var number = 1
          while usedIds.contains(id) {
            number += 1
            id = "\(base)-\(number)"
          }
          usedIds.insert(id)
          contents.append((id, Self.removingLinks(Self.innerHTML(of: html))))
          body += "<h2 id=\"\(id)\">" + droppingPrefix("<h2>", of: html)
        } else {
          body += html
          if let heading, heading.level == 1, beforeContents == nil {
            beforeContents = body
            body = ""
          }
        }
      case .cell(let cell):
        body += render(
          cell, result: ran.run.cells[cell.index], error: ran.diagnostic(forCell: cell.index)?.description,
          openSolutions: openSolutions || audience == .key, audience: audience)
        afterSolution = cell.mode == .solution
        explaining = false
      }
    }
    var nav = "<nav class=\"pager\">"
    nav += previous.map { "<a rel=\"prev\" \(pageLink($0.slug))>← \(escapeHTML($0.title))</a>" } ?? "<span></span>"
    nav += "<a href=\"index.html\">Contents</a>"
    nav += next.map { "<a rel=\"next\" \(pageLink($0.slug))>\(escapeHTML($0.title)) →</a>" } ?? "<span></span>"
    nav += "</nav>\n"
    var toc = ""
    if !contents.isEmpty {
      toc = "<nav class=\"toc\" aria-label=\"On this page\"><ol>"
      toc += contents.map { "<li><a href=\"#\($0.id)\">\($0.html)</a></li>" }.joined()
      toc += "</ol></nav>\n"
    }
    body = (beforeContents ?? "") + toc + body
    return document(title: lesson.title, body: nav + "<main>\n" + body + "</main>\n" + nav)
  }

  /// The HTML inside a block's outer element: `<h2>A <code>b</code></h2>` gives
  /// `A <code>b</code>` (math and code kept for the table of contents).
  static func innerHTML(of html: String) -> String {
    // By bytes: a combining mark after `>` belongs to the text, not to the tag.
    let bytes = Array(html.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    guard let open = bytes.firstIndex(of: UInt8(ascii: ">")),
      let close = bytes.indices.last(where: {
        bytes[$0] == UInt8(ascii: "<") && bytes.dropFirst($0 + 1).first == UInt8(ascii: "/")
      }),
      close > open
    else {
      return escapeHTML(html)
    }
    return String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
  }

  /// `html` without its `<a …>` and `</a>` tags (their text kept): an entry of the table
  /// of contents is a link itself, and a link inside a link is not HTML.
  static func removingLinks(_ html: String) -> String {
    guard html.contains("<a") else { return html }
    return html.replacingOccurrences(of: "</?a(\\s[^>]*)?>", with: "", options: .regularExpression)
  }

  /// The index: every lesson with its one-line summary.
  public static func index(_ lessons: [RanLesson], title: String = "Unrolled") -> String {
    var body = "<main>\n<h1>\(escapeHTML(title))</h1>\n"
    body += "<p class=\"lede\">Recurrent neural networks, from one neuron to LSTM, taught by running them.</p>\n"
    body += """
      <p class="on-your-machine">To work through the course on your own machine: install Swift 6 (swift.org/install), clone the \
      course, and run <code>swift run unrolled serve</code>; edit a lesson and its page runs again. Each lesson \
      from 2 on has an exercise to write yourself: <code>swift run unrolled practice 03</code> writes a copy to \
      work in, and <code>swift run unrolled check practice/03-backpropagation-through-time-by-hand.md</code> \
      runs your code against the lesson's checks.</p>

      """
    body += "<ol class=\"lessons\">\n"
    for ran in lessons {
      let status = ran.failures.isEmpty ? "" : " <span class=\"badge\">has errors</span>"
      body += "<li><a \(pageLink(ran.lesson.slug))>\(escapeHTML(ran.lesson.title))</a>\(status)"
      if !ran.lesson.summary.isEmpty { body += "<p>\(ran.lesson.summary)</p>" }
      body += "</li>\n"
    }
    body += "</ol>\n"
    body += """
      <p class="licence">The course's code is under the MIT licence (<code>LICENSE</code>); the lessons' text       and figures are under the Creative Commons Attribution-ShareAlike 4.0 licence       (<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>, <code>LICENSE-lessons.md</code>):       you may copy, adapt and teach from them, naming the course and sharing alike.</p>

      """
    body += "</main>\n"
    return document(title: title, body: body)
  }

  private static func render(
    _ cell: Cell, result: CellResult?, error: String?, openSolutions: Bool, audience: Audience
  ) -> String {
    if cell.mode == .hide { return error.map(errorBlock) ?? "" }
    // A hidden check is for grading: neither its code, nor what it printed, nor its
    // errors appear on a page, but in the answer key.
    if cell.mode == .check && cell.hidden && audience != .key { return "" }
    if cell.mode == .solution && audience == .student { return "" }
    let language = cell.language.isEmpty ? "" : " class=\"language-\(escapeHTML(cell.language))\""
    let code = cell.language == "swift" ? SwiftHighlighter.html(cell.code) : escapeHTML(cell.code)
    var html = "<pre class=\"code\"><code\(language)>" + code + "</code></pre>\n"
    if let result {
      for piece in result.pieces {
        switch piece {
        case .text(let text):
          html += "<pre class=\"output\" aria-label=\"Output\">" + escapeHTML(text) + "</pre>\n"
        case .display(let display):
          html += "<figure class=\"display\">\n" + display.html + "\n</figure>\n"
        }
      }
      if cell.mode == .check, !result.checks.isEmpty {
        html += "<ul class=\"checks\" aria-label=\"Checks\">"
        for check in result.checks {
          html += "<li>" + (check.passed ? "passes: " : "fails: ") + escapeHTML(check.name) + "</li>"
        }
        html += "</ul>\n"
      }
      if let error { html += errorBlock(error) }
    }
    let kind =
      switch cell.mode {
      case .fails: " fails"
      case .exercise: " exercise static"
      case .check: " check"
      default: cell.runs ? "" : " static"
      }
    if cell.mode == .exercise, let name = cell.exercise {
      html =
        "<p class=\"exercise-label\">Exercise <code>\(escapeHTML(name))</code>: the starter, to complete "
        + "(<code>unrolled practice</code> and <code>unrolled check</code>)</p>\n" + html
    }
    if cell.mode == .check && cell.hidden {
      html = "<p class=\"exercise-label\">Hidden check of <code>\(escapeHTML(cell.exercise ?? ""))</code></p>\n" + html
    }
    if cell.mode == .exercise && audience == .student {
      html += "<div class=\"answer-space\" aria-label=\"Room for your answer\"></div>\n"
    }
    html = "<div class=\"cell\(kind)\">\n" + html + "</div>\n"
    if cell.mode == .solution {
      let open = openSolutions ? " open" : ""
      html = "<details class=\"solution\"\(open)><summary>Show solution</summary>\n" + html + "</details>\n"
    }
    return html
  }

  /// The prose after a solution split where the explanation of that solution ends: at
  /// the first top-level ordered list (the next exercise), heading or rule. cmark
  /// writes each element from the start of a line and closes lists, quotes and tables
  /// on lines of their own, so counting those gives the depth.
  static func splitExplanation(_ html: String) -> (explanation: String, rest: String) {
    let containers = ["<ul", "<ol", "<blockquote", "<table", "<div"]
    let closings = ["</ul>", "</ol>", "</blockquote>", "</table>", "</div>"]
    let ends = ["<ol", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<hr"]
    var depth = 0
    var offset = html.startIndex
    while offset < html.endIndex {
      let line = html[offset...]
      if depth == 0 && ends.contains(where: { line.hasPrefix($0) }) { break }
      if containers.contains(where: { line.hasPrefix($0) }) { depth += 1 }
      if closings.contains(where: { line.hasPrefix($0) }) { depth = max(0, depth - 1) }
      guard let newline = line.firstIndex(of: "\n") else {
        offset = html.endIndex
        break
      }
      offset = html.index(after: newline)
    }
    return (String(html[..<offset]), String(html[offset...]))
  }

  private static func errorBlock(_ text: String) -> String {
    "<pre class=\"error\" role=\"alert\">" + escapeHTML(text) + "</pre>\n"
  }

  private static func document(title: String, body: String) -> String {
    removingForbiddenCharacters(
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escapeHTML(title)) · Unrolled</title>
      <link rel="icon" href="data:,">
      <link rel="stylesheet" href="style.css">
      </head>
      <body>
      \(body)</body>
      </html>

      """)
  }
}
