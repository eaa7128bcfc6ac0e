import Foundation
import LessonKit
import Testing

/// Reading lesson files: line endings, `output` blocks, options in comments.
@Suite struct ParserTests {
  /// Lone CR (old Mac) ends lines as LF and CRLF do: no false "never closed", and the
  /// lines of cells and output blocks are those an editor shows.
  @Test func loneCarriageReturnsEndLines() throws {
    let text = try Markup.fixture("markup-lone-cr.md")
    #expect(!text.contains("\n"))
    for (name, variant) in [
      ("CR", text), ("LF", text.replacingOccurrences(of: "\r", with: "\n")),
      ("CRLF", text.replacingOccurrences(of: "\r", with: "\r\n")),
    ] {
      let lesson = Markup.lesson(variant)
      #expect(lesson.diagnostics.isEmpty, "\(name): \(lesson.diagnostics)")
      #expect(lesson.title == "Lone CR")
      #expect(lesson.cells.map(\.fenceLine) == [5, 17], "\(name)")
      #expect(lesson.cells.map(\.code) == ["print(1)\n", "print(2)\n"], "\(name)")
      #expect(lesson.cells.first?.expected?.text == "1\n", "\(name)")
      #expect(lesson.cells.first?.expected?.fenceLine == 9, "\(name)")
      #expect(lesson.cells.first?.expected?.closingLine == 11, "\(name)")
    }
  }

  /// An `output` block after a cell that never runs is reported, not ignored.
  @Test func outputAfterACellThatDoesNotRunIsDiagnosed() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-output-after-norun.md"), path: "Lessons/o.md")
    try #require(lesson.diagnostics.map(\.line) == [7, 15])
    #expect(lesson.diagnostics[0].message.contains("must follow a Swift cell that runs"))
    #expect(lesson.diagnostics[0].message.contains("`swift norun`"))
    #expect(lesson.diagnostics[1].message.contains("not Swift"))
    #expect(lesson.cells.map { $0.expected?.text } == [nil, nil, "3\n"])
  }

  /// Options come from comments of the prose only, and are checked.
  @Test func optionsComeFromProseComments() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-options.md"))
    // The comment inside a paragraph is ignored, and said to be.
    #expect(lesson.diagnostics.map(\.line) == [5])
    #expect(lesson.diagnostics.first?.message.hasSuffix("inside a paragraph, list or quote and is ignored") == true)
    #expect(lesson.timeLimit == 300)
    #expect(lesson.memoryLimit == 1_610_612_736)
    let inCode = Markup.lesson("# T\n\n```text\n<!-- unrolled: timeout=2 memory=1M -->\n```\n")
    #expect(inCode.timeLimit == nil && inCode.memoryLimit == nil && inCode.diagnostics.isEmpty)
    let inList = Markup.lesson("# T\n\n- item\n\n  <!-- unrolled: timeout=2 -->\n")
    #expect(inList.timeLimit == nil && inList.diagnostics.map(\.line) == [5])
  }

  @Test func givenMarksBelongToTheirParagraphAndSetNoOption() {
    let lesson = Markup.lesson(
      "# G\n\nThe gate starts near 0.73.\n<!-- unrolled: given 0.73 -->\n\n<!-- unrolled: given 1e-7 -->\nMore.\n")
    #expect(lesson.diagnostics.isEmpty, "\(lesson.diagnostics)")
    #expect(lesson.timeLimit == nil && lesson.memoryLimit == nil)
    let misplaced = Markup.lesson("# G\n\nA sentence <!-- unrolled: timeout=5 --> inside.\n")
    #expect(misplaced.diagnostics.count == 1)
  }

  @Test func badOptionsAreDiagnosedOnTheirLines() throws {
    let lesson = Markup.lesson(try Markup.fixture("markup-bad-options.md"), path: "Lessons/b.md")
    #expect(lesson.timeLimit == nil && lesson.memoryLimit == nil)
    let found = lesson.diagnostics.map { "\($0.line) \($0.message.prefix(while: { $0 != " " }))" }
    #expect(
      found == ["3 timeout", "5 timeout", "5 memory", "7 timeout", "7 memory", "7 unknown", "9 timeout", "9 memory"])
    #expect(lesson.diagnostics[5].message.hasPrefix("unknown lesson option 'colour=red'"))
    #expect(lesson.diagnostics[0].message.hasSuffix("got '0'"))
    let twice = Markup.lesson("<!-- unrolled: timeout=5 -->\n\n<!-- unrolled: timeout=6 -->\n")
    #expect(twice.diagnostics.map(\.message) == ["timeout is set twice: it is already set on line 1"])
    #expect(twice.timeLimit == 5)
  }

  @Test(
    arguments: [
      ("512M", 536_870_912), ("2G", 2_147_483_648), ("1.5G", 1_610_612_736), ("1048576", 1_048_576),
      ("64k", 65_536), ("2GB", 2_147_483_648), ("2GiB", 2_147_483_648), ("512B", 512), ("1T", 1_099_511_627_776),
    ] as [(String, UInt64)])
  func memorySizes(text: String, bytes: UInt64) {
    #expect(Markup.lesson("<!-- unrolled: memory=\(text) -->\n").memoryLimit == bytes)
  }

  @Test(arguments: [
    "0", "0M", "-1G", "1.5", "G", "2X", "2iB", "nan", "inf", "1e9", "", "99999999999999999999", "16777216T",
  ])
  func badMemorySizes(text: String) {
    let lesson = Markup.lesson("<!-- unrolled: memory=\(text) -->\n")
    #expect(lesson.memoryLimit == nil)
    #expect(lesson.diagnostics.count == 1)
  }

  @Test(arguments: ["0", "0.0", "-1", "nan", "inf", "1e3", "0x10", "", "86401", ".5", "5."])
  func badTimeouts(text: String) {
    let lesson = Markup.lesson("<!-- unrolled: timeout=\(text) -->\n")
    #expect(lesson.timeLimit == nil)
    #expect(lesson.diagnostics.count == 1)
  }
}
