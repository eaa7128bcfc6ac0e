import Foundation
import LessonKit
import Testing

/// The engine end to end on the fixtures: every rule of the lesson format and every way
/// a lesson can go wrong.
@Suite(.serialized) struct EngineTests {
  @Test func compileErrorPointsAtTheLessonLine() throws {
    let (ran, path) = try Shared.run("compile-error.md")
    let error = try #require(ran.error(1))
    #expect(error.contains("\(path):8:"))
    #expect(error.contains("error:"))
    #expect(ran.error(0) == nil)
    #expect(!ran.failures.isEmpty)
  }

  @Test func trapInCellThreeKeepsEarlierOutput() throws {
    let (ran, path) = try Shared.run("trap.md")
    #expect(ran.run.cells[0]?.output == "one\n")
    #expect(ran.run.cells[1]?.output == "two\n")
    #expect(ran.run.cells[2]?.output == "three, then a trap\n")
    let error = try #require(ran.error(2))
    #expect(error.hasPrefix("\(path):14: error: runtime error"))
    #expect(error.contains("Index out of range"))
    #expect(!error.contains("0x"))
    #expect(ran.run.cells[3] == nil)
    #expect(ran.run.cells[4] == nil)
  }

  @Test func endlessLoopIsStoppedByTheTimeLimit() throws {
    let (ran, path) = try Shared.run("endless-loop.md")
    #expect(ran.lesson.timeLimit == 3)
    #expect(ran.run.cells[0]?.output == "before the loop\n")
    let error = try #require(ran.error(1))
    #expect(error.hasPrefix("\(path):10: error: stopped after 3 s"))
    #expect(ran.run.cells[1]?.failure == .timedOut(seconds: 3))
    #expect(!ran.run.cacheable)
  }

  @Test func hugeOutputIsCutWithANotice() throws {
    let (ran, _) = try Shared.run("huge-output.md")
    let output = try #require(ran.run.cells[0]?.output)
    #expect(output.utf8.count < 70_000)
    #expect(output.contains("[output cut: 9934464 more bytes not shown]"))
    #expect(ran.run.cells[1]?.output == "still here\n")
  }

  @Test func hostileOutputIsEscapedAndCannotForgeCells() throws {
    let (ran, _) = try Shared.run("hostile-output.md")
    #expect(ran.run.cells[0]?.output == "</pre><script>alert(1)</script>\n")
    #expect(ran.run.cells[1]?.output == "cell 1 0 0\nend 0 0\nsurvived 0 0 0\n__Unrolled.begin(5)\n")
    #expect(ran.run.cells[2]?.output == "A\u{FFFD}\u{FFFD}B\n")
    #expect(ran.failures.isEmpty)
    let page = PageRenderer.page(ran, previous: nil, next: nil)
    #expect(!page.contains("<script>alert(1)"))
    #expect(page.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
  }

  @Test func crlfLessonsRunAndBlessKeepsTheirLineEndings() throws {
    let (ran, path) = try Shared.run("crlf.md")
    #expect(ran.run.cells[0]?.output == "crlf\n")
    #expect(ran.failures.count == 1)  // the recorded output says "stale"
    let original = try String(contentsOfFile: path, encoding: .utf8)
    let blessed = DocTest.bless(original, lesson: ran.lesson, run: ran.run)
    #expect(blessed == original.replacingOccurrences(of: "stale\r\n", with: "crlf\r\n"))
  }

  @Test func unclosedFenceIsReportedAndThePageStillRenders() throws {
    let (ran, path) = try Shared.run("unclosed-fence.md")
    let diagnostic = try #require(ran.lesson.diagnostics.first)
    #expect(ran.lesson.diagnostics.count == 1)
    #expect(diagnostic.line == 5)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.message.contains("never closed"), "\(diagnostic.message)")
    #expect(ran.failures.first == diagnostic)
    #expect(ran.failures.first?.location == "\(path):5")
    let page = PageRenderer.page(ran, previous: nil, next: nil)
    // The diagnostic itself is on the page (not only the cell's text, which also says
    // "never closed"), and the page is whole.
    #expect(page.contains(escapeForTest(diagnostic.description)))
    #expect(page.contains("</html>"))
  }

  @Test func lessonWithoutCode() throws {
    let (ran, _) = try Shared.run("no-code.md")
    #expect(ran.lesson.cells.isEmpty)
    #expect(ran.failures.isEmpty)
    let page = PageRenderer.page(ran, previous: nil, next: nil)
    #expect(page.contains("<table>"))
    #expect(page.contains("<del>struck</del>"))
    #expect(page.contains("type=\"checkbox\""))
    #expect(page.contains("<a href=\"https://example.org\">"))
  }

  @Test func everyCellMode() throws {
    let (ran, path) = try Shared.run("modes.md")
    let cells = ran.lesson.cells
    #expect(cells.map(\.mode) == [.hide, .run, .norun, .fails, .solution, nil, .run])
    #expect(ran.run.cells[1]?.output == "42\n")
    #expect(ran.run.cells[2] == nil && ran.run.cells[5] == nil)
    #expect(ran.run.cells[3]?.output == "about to fail\n")
    #expect(ran.error(3)?.contains("Index out of range") == true)
    #expect(ran.run.cells[4]?.output == "solved\n")
    #expect(ran.run.cells[6]?.output == "after the failing cell\n")
    // Exactly one failure: the last cell's recorded output is wrong on purpose.
    let failures = ran.failures
    #expect(failures.count == 1)
    #expect(failures.first?.location == "\(path):41")
    #expect(failures.first?.message.contains("-wrong on purpose") == true)
    #expect(failures.first?.message.contains("+after the failing cell") == true)
    let page = PageRenderer.page(ran, previous: nil, next: nil)
    #expect(!page.contains("secret = 41"))
    #expect(page.contains("<details class=\"solution\"><summary>Show solution</summary>"))
    let teachersCopy = PageRenderer.page(ran, previous: nil, next: nil, openSolutions: true)
    #expect(teachersCopy.contains("<details class=\"solution\" open><summary>Show solution</summary>"))
    #expect(!teachersCopy.contains("<details class=\"solution\"><summary>"))
  }

  @Test func failsCellThatPassesIsAFailure() throws {
    let (ran, _) = try Shared.run("fails-but-passes.md")
    #expect(ran.failures.count == 1)
    #expect(ran.failures.first?.message.contains("marked `fails`") == true)
  }

  @Test func blessRewritesOnlyOutputBlocks() throws {
    let (ran, path) = try Shared.run("modes.md")
    let original = try String(contentsOfFile: path, encoding: .utf8)
    let blessed = DocTest.bless(original, lesson: ran.lesson, run: ran.run)
    #expect(blessed == original.replacingOccurrences(of: "wrong on purpose\n", with: "after the failing cell\n"))
    #expect(try Shared.rerun(blessed, at: path).failures.isEmpty)
  }

  @Test func blessLeavesTheBlocksOfFailedCellsAlone() throws {
    let (ran, path) = try Shared.run("compile-error.md")
    let original = try String(contentsOfFile: path, encoding: .utf8)
    #expect(original.contains("```output\nrecorded before the mistake\n```"))
    #expect(DocTest.bless(original, lesson: ran.lesson, run: ran.run) == original)
  }

  @Test func blessLengthensTheFenceAroundOutputThatHoldsAFence() throws {
    let (ran, path) = try Shared.run("prints-a-fence.md")
    let original = try String(contentsOfFile: path, encoding: .utf8)
    let blessed = DocTest.bless(original, lesson: ran.lesson, run: ran.run)
    #expect(blessed.contains("````output\nbefore\n```\nafter\n````\n"))
    let again = try Shared.rerun(blessed, at: path)
    #expect(again.lesson.cells.count == 2)
    #expect(again.failures.isEmpty)
  }

  @Test func slowTypeCheckingIsReportedWithTheLessonLine() throws {
    // A threshold of 1 ms, which the fixture's closure passes on any machine: the test
    // is about the warning's place and words, not about this machine's speed.
    var limits = Shared.runner.limits
    limits.slowTypeCheckMilliseconds = 1
    let (ran, path) = try Shared.run("slow-type-check.md", runner: Shared.runner.with(limits))
    #expect(ran.failures.isEmpty)
    let warning = try #require(ran.run.warnings.first { $0.line == 7 }, "\(ran.run.warnings)")
    #expect(warning.severity == .warning)
    #expect(warning.description.hasPrefix("\(path):7: warning: this expression took "))
    #expect(warning.message.contains("write out its closures' types"))
    #expect(Set(ran.run.warnings.map(\.line)).count == ran.run.warnings.count, "one warning per line")
  }

  @Test func cachedRebuildRunsNothing() throws {
    let (first, path) = try Shared.run("trap.md")
    _ = first
    let lesson = Course.load(path)
    let second = Shared.runner.run(lesson)
    #expect(second.cached)
    #expect(second.seconds == 0)
    #expect(second.cells[1]?.output == "two\n")
  }
}

/// Rich output: displays travel on the channel, keep their place among the text, and
/// are checked only when the `output` block asks.
@Suite(.serialized) struct DisplayEngineTests {
  @Test func displaysKeepTheirPlaceAmongTheText() throws {
    let (ran, _) = try Shared.run("displays.md")
    #expect(ran.failures.isEmpty, "\(ran.failures)")
    let result = try #require(ran.run.cells[0])
    #expect(result.output == "before\nafter\n")
    #expect(result.displays.map(\.offset) == [7, 13])
    let kinds = result.pieces.map { piece -> String in
      switch piece {
      case .text(let text): text
      case .display(let display): display.summary
      }
    }
    #expect(kinds == ["before\n", "[line chart: Loss]", "after\n", "[table: Numbers]"])
    let page = PageRenderer.page(ran, previous: nil, next: nil)
    let before = try #require(page.range(of: "before\n</pre>"))
    let svg = try #require(page.range(of: "<figure class=\"display\">\n<svg"))
    let after = try #require(page.range(of: "after\n</pre>"))
    #expect(before.upperBound < svg.lowerBound && svg.upperBound < after.lowerBound)
  }

  @Test func displaysPastTheCellLimitBecomeANotice() throws {
    let (ran, _) = try Shared.run("huge-displays.md")
    let result = try #require(ran.run.cells[0])
    #expect(result.output == "still running\n")
    #expect(result.displays.map(\.summary) == ["[huge: one]", "[huge: two]", "[huge: three]"])
    #expect(result.displays[1].html.utf8.count > 2_000_000)
    #expect(result.displays[2].html.contains("[display not shown: this cell's displays passed 4 MB]"))
  }

  @Test func outputDisplaysChecksTheSummaries() throws {
    let (ran, path) = try Shared.run("displays.md")
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(of: "[bar chart: Bars]", with: "[bar chart: Other]")
    let lesson = LessonParser.parse(text, path: path)
    let failures = DocTest.failures(lesson, ran.run)
    #expect(failures.count == 1)
    #expect(failures.first?.description.contains("+[bar chart: Bars]") == true)
  }
}
