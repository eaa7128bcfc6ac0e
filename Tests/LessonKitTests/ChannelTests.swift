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

/// SHA-256 against the test vectors published with the standard (FIPS 180-2, and the
/// NIST examples).
@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ])
  func publishedVectors(_ message: String, _ digest: String) {
    #expect(SHA256.hex(message) == digest)
  }

  @Test func aMillionAs() {
    #expect(
      SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func everyLengthAroundABlockBoundary() {
    // 55, 56 and 64 bytes change how the length is padded; each must differ.
    let digests = (54...65).map { SHA256.hex([UInt8](repeating: 0x61, count: $0)) }
    #expect(Set(digests).count == digests.count)
    #expect(SHA256.hex([UInt8](repeating: 0x61, count: 56)) == SHA256.hex(String(repeating: "a", count: 56)))
  }
}

/// One diagnostic, three ways of printing it.
@Suite struct DiagnosticFormatTests {
  static let diagnostic = Diagnostic(
    file: "Lessons/01 a,b:c.md", line: 12, column: 5, message: "output differs\n-100%\n+99%")

  @Test func textIsWhatCompilersPrint() {
    #expect(
      DiagnosticFormat.text.format(Self.diagnostic) == "Lessons/01 a,b:c.md:12:5: error: output differs\n-100%\n+99%")
    #expect(
      Diagnostic(file: "a.md", line: 3, severity: .warning, message: "slow").description == "a.md:3: warning: slow")
  }

  @Test func githubEscapesWhatWorkflowCommandsReserve() {
    #expect(
      DiagnosticFormat.github.format(Self.diagnostic)
        == "::error file=Lessons/01 a%2Cb%3Ac.md,line=12,col=5::output differs%0A-100%25%0A+99%25")
    #expect(!DiagnosticFormat.github.format(Self.diagnostic).contains("\n"))
  }

  @Test func jsonIsOneObjectPerLineThatDecodesBack() throws {
    let line = DiagnosticFormat.json.format(Self.diagnostic)
    #expect(!line.contains("\n"))
    let decoded = try JSONDecoder().decode(Diagnostic.self, from: Data(line.utf8))
    #expect(decoded == Self.diagnostic)
  }

  @Test func githubActionsChoosesItsOwnFormat() {
    #expect(DiagnosticFormat.automatic(environment: ["GITHUB_ACTIONS": "true"]) == .github)
    #expect(DiagnosticFormat.automatic(environment: [:]) == .text)
  }
}

/// The compiler's log read back into diagnostics at the lesson's lines.
@Suite struct CompilerLogTests {
  static let lesson = LessonParser.parse(
    "# L\n\n```swift\nlet a = 1\n```\n\n```swift\nlet b: Int = \"x\"\n```\n", path: "Lessons/01-l.md")

  @Test func errorsGoToTheCellThatHoldsThem() {
    let log = """
      Lessons/01-l.md:8:14: error: cannot convert value of type 'String' to specified type 'Int'
      Lessons/01-l.md:8:14: note: something to say
      /tmp/work/main.swift:120:3: error: elsewhere
      """
    let result = Compiler.read(log: log, succeeded: false, lesson: Self.lesson)
    #expect(
      result.cellErrors[1] == [
        Diagnostic(
          file: "Lessons/01-l.md", line: 8, column: 14,
          message: "cannot convert value of type 'String' to specified type 'Int'")
      ])
    #expect(result.cellErrors[0] == nil)
    #expect(result.lessonErrors.isEmpty)
  }

  @Test func aFailureWithNothingToPlaceKeepsTheWholeLog() {
    let result = Compiler.read(log: "linker says no", succeeded: false, lesson: Self.lesson)
    #expect(result.lessonErrors.count == 1)
    #expect(result.lessonErrors.first?.message.contains("linker says no") == true)
  }

  @Test func slowTypeChecksBecomeOneWarningPerLine() {
    let log = """
      Lessons/01-l.md:4:9: warning: expression took 1500ms to type-check (limit: 1000ms)
      Lessons/01-l.md:4:20: warning: expression took 1200ms to type-check (limit: 1000ms)
      """
    let result = Compiler.read(log: log, succeeded: true, lesson: Self.lesson)
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.severity == .warning)
    #expect(
      result.warnings.first?.description.hasPrefix("Lessons/01-l.md:4: warning: this expression took 1500 ms") == true)
  }
}
