import Foundation
import LessonKit
import Testing

/// `unrolled test --bless` writes what each cell printed into its `output` block and
/// changes no other byte (README, "Commands").
@Suite struct BlessTests {
  /// Each fixture `bless-NAME.md` has stale `output` blocks; `bless-NAME.blessed.md` is
  /// the same file, byte for byte, with only those blocks' contents replaced.
  @Test(arguments: ["bless-no-final-newline", "bless-displays"])
  func blessChangesOnlyTheOutputBlocks(name: String) throws {
    try blessFixture(name)
  }

  /// A file whose lines end partly in CR LF and partly in LF keeps every ending. (Bless
  /// once split the whole file on CR LF when it held one, so the LF half was one
  /// "line" and bless trapped, taking `unrolled test --bless` down with it.)
  @Test
  func blessKeepsMixedLineEndings() throws {
    try blessFixture("bless-mixed-endings")
  }

  func blessFixture(_ name: String) throws {
    try withTemporaryFolder { folder in
      let (ran, path) = try Shared.run("\(name).md", in: folder)
      #expect(!ran.failures.isEmpty, "the fixture's blocks are stale, so its doc-test fails")
      let original = try Data(contentsOf: URL(fileURLWithPath: path))
      let wanted = try Data(contentsOf: Paths.fixtures.appendingPathComponent("\(name).blessed.md"))
      let blessed = DocTest.bless(String(decoding: original, as: UTF8.self), lesson: ran.lesson, run: ran.run)
      #expect(
        Data(blessed.utf8) == wanted,
        "blessed:\n\(visible(blessed))\nwanted:\n\(visible(String(decoding: wanted, as: UTF8.self)))")
      // The blessed file passes, and blessing it again changes nothing.
      let again = try Shared.rerun(blessed, at: path)
      #expect(again.failures.isEmpty)
      #expect(DocTest.bless(blessed, lesson: again.lesson, run: again.run) == blessed)
    }
  }

  /// Line ends made visible, for messages about bytes.
  func visible(_ text: String) -> String {
    text.replacingOccurrences(of: "\r", with: "␍").replacingOccurrences(of: "\n", with: "␊\n")
  }
}
