import Foundation
import Testing

@testable import LessonKit

/// The channel's decoder, on records as the program writes them and on what a program
/// killed mid-write, or a hostile one, leaves behind.
@Suite struct ChannelTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func readsCellsDisplaysAndTheEnd() throws {
    let records = Channel.records(
      in: Self.bytes("cell 0 0 0\ndisplay 0 7 0 11 6\n<svg></svg>[Loss]cell 1 13 0\nsurvived 1 20 5\nend 20 5\n"))
    try #require(records.map(\.kind) == ["cell", "display", "cell", "survived", "end"])
    #expect(
      records[1] == Channel.Record(kind: "display", cell: 0, out: 7, err: 0, html: "<svg></svg>", summary: "[Loss]"))
    #expect(records[4].cell == -1 && records[4].out == 20 && records[4].err == 5)
  }

  @Test func aDisplayCutShortEndsTheList() {
    let records = Channel.records(in: Self.bytes("cell 0 0 0\ndisplay 0 0 0 100 5<svg"))
    #expect(records.map(\.kind) == ["cell"])
  }

  @Test(arguments: [
    "cell 0 0\n", "cell x 0 0\n", "display 0 0 0 -1 0\n", "display 0 0 0 0 -5\n", "end 1\n", "shout 1 2 3\n",
    "display 0 0 0 9223372036854775807 9223372036854775807\n",
  ])
  func malformedRecordsEndTheList(_ bad: String) {
    let records = Channel.records(in: Self.bytes("cell 0 0 0\n" + bad + "cell 1 0 0\n"))
    #expect(records.map(\.kind) == ["cell"])
  }

  @Test func aHeaderWithoutItsNewlineIsNotARecord() {
    #expect(Channel.records(in: Self.bytes("cell 0 0 0\nend 3 4")).map(\.kind) == ["cell"])
  }

  @Test func theProgramSideWritesWhatTheDecoderReads() {
    // The writer is Swift source compiled into every lesson; the engine tests run it.
    // Here: it writes to the descriptor the sandbox names, and uses each record kind.
    let source = Channel.programSide
    #expect(source.contains("UNROLLED_CHANNEL_FD"))
    for kind in ["\"cell\"", "\"survived\"", "\"end\"", "display \\("] {
      #expect(source.contains(kind) || ProgramBuilder.cellControl.contains(kind), "\(kind)")
    }
  }
}
