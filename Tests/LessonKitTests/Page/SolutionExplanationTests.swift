import Foundation
import Testing

@testable import LessonKit

/// The prose that explains an exercise's solution is folded with the solution, so a page
/// or a handout that hides the solution hides its explanation too.
@Suite struct SolutionExplanationTests {
  static let lesson = """
    # L

    ## Exercises

    1. First task.

    ```swift solution
    print(1)
    ```

    The answer is one, explained.

    - with a list
      1. and an ordered list inside it

    2. Second task.

    ```swift solution
    print(2)
    ```

    Two, explained.

    ## What to remember

    Nothing folded here.
    """

  func page(_ audience: PageRenderer.Audience) -> String {
    PageRenderer.page(
      RanLesson(lesson: Markup.lesson(Self.lesson), run: LessonRun()), previous: nil, next: nil,
      audience: audience)
  }

  @Test func explanationsGoInsideTheirSolutionsFold() throws {
    let html = page(.site)
    let folds = html.components(separatedBy: "<details class=\"solution\"").dropFirst()
    try #require(folds.count == 2)
    let first = String(folds.first!.split(separator: "</details>")[0])
    #expect(first.contains("The answer is one, explained."))
    #expect(first.contains("and an ordered list inside it"))
    #expect(!first.contains("Second task"))
    let second = String(folds.last!.split(separator: "</details>")[0])
    #expect(second.contains("Two, explained."))
    #expect(!second.contains("What to remember"))
    // What follows the explanations stays outside any fold.
    #expect(html.contains("</details>\n<ol start=\"2\">"))
    #expect(html.contains("</details>\n<h2 id=\"what-to-remember\">"))
  }

  @Test func aStudentHandoutHasNeitherSolutionsNorExplanations() {
    let html = page(.student)
    #expect(!html.contains("explained"))
    #expect(html.contains("Second task"))
    #expect(html.contains("Nothing folded here."))
  }

  @Test func splittingStopsAtTopLevelListsAndHeadingsOnly() {
    let (explanation, rest) = PageRenderer.splitExplanation(
      "<p>a</p>\n<ul>\n<li>b\n<ol>\n<li>c</li>\n</ol>\n</li>\n</ul>\n<ol start=\"2\">\n<li>d</li>\n</ol>\n")
    #expect(explanation == "<p>a</p>\n<ul>\n<li>b\n<ol>\n<li>c</li>\n</ol>\n</li>\n</ul>\n")
    #expect(rest == "<ol start=\"2\">\n<li>d</li>\n</ol>\n")
    #expect(PageRenderer.splitExplanation("<h2>x</h2>\n") == ("", "<h2>x</h2>\n"))
  }

  /// The practice file drops a solution's explanation with the solution, and keeps the
  /// next exercise and the rest of the lesson.
  @Test func practiceFilesDropExplanationsToo() {
    let text = PracticeFile.text(for: Markup.lesson(Self.lesson))
    #expect(!text.contains("explained"))
    #expect(!text.contains("ordered list inside"))
    #expect(text.contains("1. First task.\n\n2. Second task.\n\n## What to remember\n\nNothing folded here."))
  }
}
