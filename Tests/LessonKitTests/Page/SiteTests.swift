import Foundation
import LessonKit
import Testing

@Suite struct SiteTests {
  @Test func siteIsWrittenWholeAndTwoBuildsAreIdentical() throws {
    let lessons = ["no-code.md", "unclosed-fence.md"].map {
      RanLesson(
        lesson: LessonParser.parse(
          try! String(contentsOf: Paths.fixtures.appendingPathComponent($0), encoding: .utf8), path: "Lessons/\($0)"),
        run: LessonRun())
    }
    let files = SiteWriter.files(for: lessons)
    #expect(Set(files.keys) == ["index.html", "style.css", "no-code.html", "unclosed-fence.html"])
    #expect(files == SiteWriter.files(for: lessons))
    let temporary = try TemporaryFolder()
    let folder = temporary("site")
    try SiteWriter.write(["old.html": "old"], to: folder)
    try SiteWriter.write(files, to: folder)
    #expect(SiteWriter.differences(files, in: folder).isEmpty)
    try "changed".write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    #expect(SiteWriter.differences(files, in: folder) == ["index.html"])
    let index = files["index.html"]!
    #expect(index.contains("href=\"no-code.html\""))
    let page = files["no-code.html"]!
    #expect(page.contains("rel=\"next\" href=\"unclosed-fence.html\""))
    #expect(!page.contains("/tmp") && !page.contains("/work"))
  }

  /// A lesson's file name goes into links escaped, as a URL and as HTML.
  @Test func fileNamesAreEscapedInLinks() {
    let names = ["a\"b<c", "x y#1?&%"]
    let lessons = names.map { Markup.lesson("# T \($0)\n\ntext\n", path: "Lessons/\($0).md") }
    let site = Markup.site(lessons)
    #expect(Set(site.keys) == ["index.html", "style.css", "a\"b<c.html", "x y#1?&%.html"])
    let index = site["index.html"]!
    #expect(index.contains("<a href=\"a%22b%3Cc.html\">T a&quot;b&lt;c</a>"))
    #expect(index.contains("<a href=\"x%20y%231%3F%26%25.html\">"))
    #expect(site["a\"b<c.html"]!.contains("<a rel=\"next\" href=\"x%20y%231%3F%26%25.html\">"))
    #expect(site["x y#1?&%.html"]!.contains("<a rel=\"prev\" href=\"a%22b%3Cc.html\">"))
    for (name, page) in site where name.hasSuffix(".html") {
      #expect(PageChecker.problems(in: page).isEmpty, "\(name)")
    }
  }

  @Test func unifiedDiffShowsBothSides() {
    let lesson = LessonParser.parse("```swift\nprint(1)\n```\n\n```output\n2\n```\n", path: "x.md")
    var run = LessonRun()
    run.cells[0] = CellResult(output: "1   \n\n")
    let failures = DocTest.failures(lesson, run)
    #expect(failures.count == 1)
    #expect(failures[0].location == "x.md:5")
    #expect(failures[0].message.contains("-2\n+1"))
    run.cells[0] = CellResult(output: "2   \n\n")
    #expect(DocTest.failures(lesson, run).isEmpty)
  }

  @Test func unknownOptionAndStrayOutputAreDiagnosed() {
    let lesson = LessonParser.parse("# T\n\n```output\nx\n```\n\n```swift fast\nprint(1)\n```\n", path: "y.md")
    #expect(lesson.diagnostics.map(\.line) == [3, 7])
    #expect(lesson.diagnostics[1].message.contains("unknown cell option 'fast'"))
  }
}

/// Writing the site never deletes what it did not write, and never leaves half a site.
@Suite struct SiteWriterSafetyTests {
  let site = ["index.html": "<p>new</p>", "style.css": "p{}", "a.html": "a"]

  @Test func aFolderWithALessonIsRefusedAndKept() throws {
    let temporary = try TemporaryFolder()
    let lessons = temporary("Lessons")
    try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
    try "# A lesson".write(to: lessons.appendingPathComponent("01-a.md"), atomically: true, encoding: .utf8)
    #expect(throws: (any Error).self) { try SiteWriter.checkCanReplace(lessons) }
    #expect {
      try SiteWriter.write(site, to: lessons)
    } throws: { error in
      "\(error)".contains("refusing to replace \(lessons.path)") && "\(error)".contains("01-a.md")
    }
    #expect(try String(contentsOf: lessons.appendingPathComponent("01-a.md"), encoding: .utf8) == "# A lesson")
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["Lessons"])
    // A site folder with something of the user's added is refused too.
    let output = temporary("site")
    try SiteWriter.write(site, to: output)
    try "mine".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    #expect(throws: (any Error).self) { try SiteWriter.write(site, to: output) }
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("notes.txt").path))
    // And so is a file.
    try "x".write(to: temporary("file"), atomically: true, encoding: .utf8)
    #expect(throws: (any Error).self) { try SiteWriter.write(site, to: temporary("file")) }
  }

  @Test func emptyMarkedAndLegacySitesAreReplaced() throws {
    let temporary = try TemporaryFolder()
    let empty = temporary("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try SiteWriter.write(site, to: empty)
    #expect(SiteWriter.differences(site, in: empty).isEmpty)
    #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent(".unrolled-site").path))
    // A marked site, with a page that is gone from the new one.
    try SiteWriter.write(["index.html": "i", "old.html": "o"], to: empty)
    try SiteWriter.write(site, to: empty)
    #expect(SiteWriter.differences(site, in: empty).isEmpty)
    // A site written before the marker: index.html and pages, a stylesheet, images.
    let legacy = temporary("legacy")
    try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
    for name in ["index.html", "01-x.html", "style.css", "chart.svg"] {
      try "old".write(to: legacy.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try SiteWriter.write(site, to: legacy)
    #expect(SiteWriter.differences(site, in: legacy).isEmpty)
  }

  /// `--check` compares the marker like any file: a fresh site is up to date, and one
  /// without its marker (or with another) is not.
  @Test func checkComparesTheMarker() throws {
    let temporary = try TemporaryFolder()
    let folder = temporary("site")
    try SiteWriter.write(site, to: folder)
    #expect(SiteWriter.differences(site, in: folder) == [])
    let marker = folder.appendingPathComponent(".unrolled-site")
    try "edited".write(to: marker, atomically: true, encoding: .utf8)
    #expect(SiteWriter.differences(site, in: folder) == [".unrolled-site"])
    try FileManager.default.removeItem(at: marker)
    #expect(SiteWriter.differences(site, in: folder) == [".unrolled-site"])
  }

  /// A process really killed (SIGKILL) while writing a large site leaves the previous
  /// site whole and a half-written folder, which the next write deletes. The writer is
  /// this test binary, started again to run ``writeALargeSiteWhenAsked()`` alone.
  @Test func killingTheWriterMidWriteLeavesThePreviousSite() throws {
    let temporary = try TemporaryFolder()
    let folder = temporary("site")
    try SiteWriter.write(site, to: folder)
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = ["--testing-library", "swift-testing", "--filter", "writeALargeSiteWhenAsked"]
    child.environment = ProcessInfo.processInfo.environment.merging(["UNROLLED_TEST_WRITE_SITE": folder.path]) { $1 }
    child.standardOutput = FileHandle.nullDevice
    child.standardError = FileHandle.nullDevice
    try child.run()
    let staging = temporary(".site.new-\(child.processIdentifier)")
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline, child.isRunning,
      ((try? FileManager.default.contentsOfDirectory(atPath: staging.path))?.count ?? 0) < 20
    {
      usleep(1000)
    }
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    #expect(child.terminationReason == .uncaughtSignal, "the writer finished before it was killed")
    #expect(SiteWriter.differences(site, in: folder).isEmpty)
    #expect(FileManager.default.fileExists(atPath: staging.path))
    try SiteWriter.write(site, to: folder)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["site"])
  }

  /// The writer for the test above; it does nothing unless that test asks.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["UNROLLED_TEST_WRITE_SITE"] != nil))
  func writeALargeSiteWhenAsked() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["UNROLLED_TEST_WRITE_SITE"]!)
    let page = String(repeating: "<p>A page long enough to take a while to write.</p>\n", count: 600)
    var files = ["index.html": "<p>the new site</p>"]
    for i in 0..<4000 { files["page-\(i).html"] = page }
    try SiteWriter.write(files, to: folder)
  }

  /// A build killed while writing leaves the previous site whole; its half-written
  /// folder is deleted by the next build, and nothing else next to the site is.
  @Test func aKilledBuildLeavesThePreviousSiteAndItsLeftoversAreCleaned() throws {
    let temporary = try TemporaryFolder()
    let folder = temporary("site")
    try SiteWriter.write(site, to: folder)
    // What a build killed mid-write leaves: a staging folder of a process that is gone.
    let leftover = temporary(".site.new-2147483646")
    try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
    try "".write(to: leftover.appendingPathComponent(".unrolled-site"), atomically: true, encoding: .utf8)
    try "half".write(to: leftover.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    let emptyLeftover = temporary(".site.new-2147483645")
    try FileManager.default.createDirectory(at: emptyLeftover, withIntermediateDirectories: true)
    let notOurs = temporary(".site.new-2147483644")
    try FileManager.default.createDirectory(at: notOurs, withIntermediateDirectories: true)
    try "keep".write(to: notOurs.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
    #expect(SiteWriter.differences(site, in: folder).isEmpty)
    // A write that fails half-way (a page that cannot be written) leaves the site too.
    #expect(throws: (any Error).self) {
      try SiteWriter.write(["index.html": "new", "missing/page.html": "x"], to: folder)
    }
    #expect(SiteWriter.differences(site, in: folder).isEmpty)
    try SiteWriter.write(["index.html": "next"], to: folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).sorted()
    #expect(names == [".site.new-2147483644", "site"])
    #expect(SiteWriter.differences(["index.html": "next"], in: folder).isEmpty)
  }
}

/// Swift cells are highlighted from SwiftSyntax's classifications.
@Suite struct HighlightTests {
  @Test func keywordsTypesLiteralsAndComments() {
    let html = SwiftHighlighter.html("let m = Matrix.zeros(2, 3)  // <two> rows\nvar s: String = \"a&b\"\n")
    #expect(html.contains("<span class=\"kw\">let</span>"))
    #expect(html.contains("<span class=\"ty\">Matrix</span>"))
    #expect(html.contains("<span class=\"num\">2</span>"))
    #expect(html.contains("<span class=\"com\">// &lt;two&gt; rows</span>"))
    #expect(html.contains("<span class=\"ty\">String</span>"))
    #expect(html.contains("<span class=\"str\">&quot;a&amp;b&quot;</span>"))
  }

  @Test func highlightingKeepsEveryCharacter() {
    let code = "for t in 0..<5 { h = tanh(w * h + x[t]) } /* é ☃ */ #if DEBUG\n#endif\n"
    let html = SwiftHighlighter.html(code)
    let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
    #expect(text == code)
  }
}
