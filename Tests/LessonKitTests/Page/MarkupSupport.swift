import Foundation
import LessonKit

/// Lessons for page tests, rendered without running anything.
enum Markup {
  /// The text of fixture `name`.
  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: Paths.fixtures.appendingPathComponent(name), encoding: .utf8)
  }

  /// `markdown` parsed as the lesson at `path`.
  static func lesson(_ markdown: String, path: String = "Lessons/m.md") -> Lesson {
    LessonParser.parse(markdown, path: path)
  }

  /// The page of a lesson that has not run, with no neighbours.
  static func page(_ lesson: Lesson) -> String {
    PageRenderer.page(RanLesson(lesson: lesson, run: LessonRun()), previous: nil, next: nil)
  }

  /// The HTML of a lesson's prose blocks, joined.
  static func prose(_ lesson: Lesson) -> String {
    lesson.blocks.map { if case .prose(let html, _) = $0 { html } else { "" } }.joined()
  }

  /// The site of `lessons`, none of them run: the index and a page each.
  static func site(_ lessons: [Lesson]) -> [String: String] {
    SiteWriter.files(for: lessons.map { RanLesson(lesson: $0, run: LessonRun()) })
  }
}
