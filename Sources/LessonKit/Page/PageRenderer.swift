import Foundation

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

  /// A link from a page to its counterpart in the other language.
  public struct LanguageLink: Sendable, Equatable {
    /// The address of the other page, relative to this one.
    public let href: String
    /// The other page's language.
    public let edition: Edition
    /// Whether the other page is this page in the other language; `false` when the
    /// lesson is not translated yet and the link goes to the other language's index.
    public let isCounterpart: Bool

    /// A link to `href`, a page in `edition`'s language.
    public init(href: String, edition: Edition, isCounterpart: Bool = true) {
      self.href = href
      self.edition = edition
      self.isCounterpart = isCounterpart
    }
  }

  /// The page of `ran`, with links to the lessons before and after it; with
  /// `openSolutions` the solutions start unfolded (a teacher's printed copy). The chrome
  /// is in the lesson's language; `language` links to the page in the other language,
  /// and `siblings` are the slugs of the lesson pages beside this one (a link to
  /// `NN-slug.md` in the prose goes to that lesson's page beside it, or, in a
  /// translation, to the original's page when the lesson is not translated).
  public static func page(
    _ ran: RanLesson, previous: Lesson?, next: Lesson?, openSolutions: Bool = false, audience: Audience = .site,
    language: LanguageLink? = nil, siblings: Set<String>? = nil
  ) -> String {
    let lesson = ran.lesson
    let words = PageWords.of(lesson.edition)
    let up = lesson.edition == .english ? "" : "../"
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
        html = Self.resolvingLinks(html, up: up, siblings: siblings)
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
          openSolutions: openSolutions || audience == .key, audience: audience, words: words)
        afterSolution = cell.mode == .solution
        explaining = false
      }
    }
    var nav = "<nav class=\"pager\">"
    nav += previous.map { "<a rel=\"prev\" \(pageLink($0.slug))>← \(escapeHTML($0.title))</a>" } ?? "<span></span>"
    nav += "<a href=\"index.html\">\(words.contents)</a>"
    nav += next.map { "<a rel=\"next\" \(pageLink($0.slug))>\(escapeHTML($0.title)) →</a>" } ?? "<span></span>"
    nav += "</nav>\n"
    var toc = ""
    if !contents.isEmpty {
      toc = "<nav class=\"toc\" aria-label=\"\(words.onThisPage)\"><ol>"
      toc += contents.map { "<li><a href=\"#\($0.id)\">\($0.html)</a></li>" }.joined()
      toc += "</ol></nav>\n"
    }
    body = (beforeContents ?? "") + toc + body
    return document(
      title: lesson.title, body: switchLink(language, words: words) + nav + "<main>\n" + body + "</main>\n" + nav,
      words: words, up: up, language: language)
  }

  /// The visible link to the other language, at the top of a page.
  static func switchLink(_ language: LanguageLink?, words: PageWords) -> String {
    guard let language else { return "" }
    let other = PageWords.of(language.edition)
    let tag = "hreflang=\"\(other.languageTag)\" lang=\"\(other.languageTag)\""
    // A lesson not translated yet links to the other index, and says why, in that language.
    let said = language.edition == .chinese ? "（\(other.notYetTranslated)）" : " (\(other.notYetTranslated))"
    let note = language.isCounterpart ? "" : "<span lang=\"\(other.languageTag)\">\(said)</span>"
    return "<nav class=\"language\" aria-label=\"\(words.languageSwitch)\"><a href=\"\(escapeHTML(language.href))\" "
      + "\(tag)>\(other.languageName)</a>\(note)</nav>\n"
  }

  /// Prose HTML with its links fixed for where the page is: figures from a page in an
  /// edition's folder (`up` is `../`) found one folder up, and links to a lesson file
  /// (`07-a-character-level-language-model.md`, with or without `#part`) turned into links
  /// to its page.
  static func resolvingLinks(_ html: String, up: String, siblings: Set<String>?) -> String {
    guard html.contains("=\"") else { return html }
    var result = html
    if !up.isEmpty {
      for attribute in ["src", "href"] {
        result = result.replacingOccurrences(
          of: "\(attribute)=\"\(SiteAssets.figuresFolder)/", with: "\(attribute)=\"\(up)\(SiteAssets.figuresFolder)/")
      }
    }
    guard result.contains(".md") else { return result }
    let pattern = try! NSRegularExpression(pattern: "href=\"([0-9][^\"/#:]*)\\.md(#[^\"]*)?\"")
    var output = ""
    var last = result.startIndex
    for match in pattern.matches(in: result, range: NSRange(result.startIndex..., in: result)) {
      guard let whole = Range(match.range, in: result), let slugRange = Range(match.range(at: 1), in: result) else {
        continue
      }
      let slug = String(result[slugRange])
      let fragment = Range(match.range(at: 2), in: result).map { String(result[$0]) } ?? ""
      let beside = siblings?.contains(slug) ?? true
      output += result[last..<whole.lowerBound] + "href=\"\(beside ? "" : up)\(slug).html\(fragment)\""
      last = whole.upperBound
    }
    return output + result[last...]
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

  /// The index of `edition`: every lesson with its one-line summary, in order, and a link
  /// to the index in the other language (`language`). The Chinese index lists the
  /// lessons not translated yet (`untranslated`, English) too, marked as such and linked
  /// to their English pages, and links to the glossary when `glossary` is set.
  public static func index(
    _ lessons: [RanLesson], title: String = "Unrolled", edition: Edition = .english, untranslated: [Lesson] = [],
    language: LanguageLink? = nil, glossary: Bool = false
  ) -> String {
    let words = PageWords.of(edition)
    let up = edition == .english ? "" : "../"
    var body = switchLink(language, words: words) + "<main>\n<h1>\(escapeHTML(title))</h1>\n"
    body += "<p class=\"lede\">\(words.lede)</p>\n"
    body += "<p class=\"on-your-machine\">\(words.onYourMachine)</p>\n"
    if glossary { body += "<p class=\"glossary-link\"><a href=\"glossary.html\">\(words.glossary)</a></p>\n" }
    body += "<ol class=\"lessons\">\n"
    let entries =
      (lessons.map { ($0.lesson.slug, $0 as RanLesson?, $0.lesson) } + untranslated.map { ($0.slug, nil, $0) })
      .sorted { $0.0 < $1.0 }
    for (slug, ran, lesson) in entries {
      guard let ran else {
        let other = PageWords.of(lesson.edition)
        body +=
          "<li><a href=\"\(up)\(percentEncodedPathSegment(slug + ".html"))\" hreflang=\"\(other.languageTag)\" "
          + "lang=\"\(other.languageTag)\">\(escapeHTML(lesson.title))</a> <span class=\"untranslated\">"
          + "\(words.notYetTranslated)</span></li>\n"
        continue
      }
      let status = ran.failures.isEmpty ? "" : " <span class=\"badge\">\(words.hasErrors)</span>"
      body += "<li><a \(pageLink(ran.lesson.slug))>\(escapeHTML(ran.lesson.title))</a>\(status)"
      if !ran.lesson.summary.isEmpty {
        body += "<p>\(Self.resolvingLinks(ran.lesson.summary, up: up, siblings: nil))</p>"
      }
      body += "</li>\n"
    }
    body += "</ol>\n"
    body += "<p class=\"licence\">\(words.licence)</p>\n"
    body += "</main>\n"
    return document(title: title, body: body, words: words, up: up, language: language)
  }

  private static func render(
    _ cell: Cell, result: CellResult?, error: String?, openSolutions: Bool, audience: Audience, words: PageWords
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
          html += "<pre class=\"output\" aria-label=\"\(words.output)\">" + escapeHTML(text) + "</pre>\n"
        case .display(let display):
          html += "<figure class=\"display\">\n" + display.html + "\n</figure>\n"
        }
      }
      if cell.mode == .check, !result.checks.isEmpty {
        html += "<ul class=\"checks\" aria-label=\"\(words.checks)\">"
        for check in result.checks {
          html += "<li>" + (check.passed ? words.passes : words.fails) + escapeHTML(check.name) + "</li>"
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
      html = "<p class=\"exercise-label\">\(words.exercise(escapeHTML(name)))</p>\n" + html
    }
    if cell.mode == .check && cell.hidden {
      html = "<p class=\"exercise-label\">\(words.hiddenCheck(escapeHTML(cell.exercise ?? "")))</p>\n" + html
    }
    if cell.mode == .exercise && audience == .student {
      html += "<div class=\"answer-space\" aria-label=\"\(words.answerSpace)\"></div>\n"
    }
    html = "<div class=\"cell\(kind)\">\n" + html + "</div>\n"
    if cell.mode == .solution {
      let open = openSolutions ? " open" : ""
      html = "<details class=\"solution\"\(open)><summary>\(words.showSolution)</summary>\n" + html + "</details>\n"
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

  /// A whole page: its language, title, stylesheet (`up` leads from the page's folder
  /// to the site's), and the address of its counterpart in the other language.
  private static func document(
    title: String, body: String, words: PageWords, up: String, language: LanguageLink?
  ) -> String {
    var alternates = ""
    if let language, language.isCounterpart {
      alternates =
        "<link rel=\"alternate\" hreflang=\"\(PageWords.of(language.edition).languageTag)\" "
        + "href=\"\(escapeHTML(language.href))\">\n"
    }
    return removingForbiddenCharacters(
      """
      <!DOCTYPE html>
      <html lang="\(words.languageTag)">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escapeHTML(title)) · \(words.site)</title>
      <link rel="icon" href="data:,">
      <link rel="stylesheet" href="\(up)style.css">
      \(alternates)</head>
      <body>
      \(body)</body>
      </html>

      """)
  }
}
