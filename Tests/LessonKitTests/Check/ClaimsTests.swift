import Foundation
import LessonKit
import Testing

/// Results stated in a lesson's prose must be ones its cells printed.
@Suite struct ClaimsTests {
  @Test func numbersTheOutputsDoNotHoldAreReported() throws {
    try withTemporaryFolder { folder in
      let (ran, path) = try Shared.run("claims.md", in: folder)
      let source = try String(contentsOfFile: path, encoding: .utf8)
      let unproved = ClaimCheck.unprovedNumbers(ran.lesson, ran.run, source: source)
      // The doc-test reports exactly these, and nothing else: every cell ran and matched.
      #expect(ran.failures == unproved)
      let found = unproved.map { "\($0.line) \($0.message.split(separator: "'")[0])" }
      #expect(
        found == [
          "13 104.4",  // rounded further than the output
          "13 0.777", "13 12.5%",  // printed nowhere
          "25 0.003",  // the `given` comment marks only its own paragraph
          "27 0.4", "27 0.5987",  // math counts
        ])
      #expect(unproved.allSatisfy { $0.file == path })
      #expect(unproved.first?.message.contains("<!-- unrolled: given 104.4 -->") == true)
    }
  }

  @Test func statedNumbersNeedAPointAnExponentOrAPercentSign() {
    let prose = "0.5, 25, 84.6%, 90%, 1e-7, 3.1e-11, 6.3.1, v1.2, 2.38x, 12.5\\% and 10.5."
    #expect(
      ClaimCheckProbe.stated(prose) == ["0.5", "84.6%", "90%", "1e-7", "3.1e-11", "2.38", "12.5%", "10.5"])
  }

  @Test func numbersAreFoundWithDigitBoundaries() {
    #expect(ClaimCheckProbe.occurs("104.36", in: "loss=104.36\n"))
    #expect(ClaimCheckProbe.occurs("104.36", in: "ends with 104.36."))
    #expect(!ClaimCheckProbe.occurs("104.36", in: "104.361"))
    #expect(!ClaimCheckProbe.occurs("104.36", in: "1104.36"))
    #expect(!ClaimCheckProbe.occurs("0.5", in: "10.5"))
    #expect(!ClaimCheckProbe.occurs("90%", in: "accuracy 0.90"))
    #expect(ClaimCheckProbe.occurs("90%", in: "accuracy 90%"))
    #expect(!ClaimCheckProbe.occurs("1.5", in: "1.55 1.5.2"))
    #expect(ClaimCheckProbe.occurs("0.25", in: "-0.25"))
  }

  /// Code spans, tags, comments and link addresses hide their numbers; unmatched
  /// backticks, `<` and `](` are text, and the numbers after them still count.
  @Test func codeTagsAndLinksHideNumbersButUnmatchedMarksDoNot() {
    #expect(ClaimCheckProbe.stated("`0.5` and ``1.5 ` 2.5`` and <b x=\"3.5\"> and [a](u/4.5) 5.5") == ["5.5"])
    #expect(ClaimCheckProbe.stated("``` 0.25 and `` 0.75") == ["0.25", "0.75"])
    #expect(ClaimCheckProbe.stated("<a 0.25 ](x 0.75") == ["0.25", "0.75"])
    #expect(ClaimCheckProbe.stated("a <!-- 0.25 --> b 0.75") == ["0.75"])
  }

  /// Lines full of unmatched marks cost no more than prose (they once cost the square of
  /// their length): such a lesson is checked at all, and every number after the marks is
  /// found.
  @Test func unmatchedMarksOnALongLineAreText() {
    let backticks = (1...300).map { String(repeating: "`", count: $0) + " x " }.joined()
    #expect(ClaimCheckProbe.stated(backticks + " 0.5").count == 1)
    #expect(ClaimCheckProbe.stated(String(repeating: "[a](b ", count: 20000) + "0.5") == ["0.5"])
  }
}

/// The checker's parts, through its public entry point, on one-paragraph lessons.
enum ClaimCheckProbe {
  static func unproved(_ prose: String) -> [String] {
    let source = prose + "\n"
    let lesson = LessonParser.parse(source, path: "probe.md")
    return ClaimCheck.unprovedNumbers(lesson, LessonRun(), source: source).map {
      String($0.message.split(separator: "'")[0])
    }
  }

  /// Every stated number of `prose` (nothing is printed, so each is reported).
  static func stated(_ prose: String) -> [String] {
    unproved(prose)
  }

  /// Whether `number`, stated alone in the prose, is proved by a cell printing `text`.
  static func occurs(_ number: String, in text: String) -> Bool {
    let source = "Stated: \(number)\n\n```swift hide\n```\n"
    let lesson = LessonParser.parse(source, path: "probe.md")
    var run = LessonRun()
    run.cells[0] = CellResult(output: text)
    return ClaimCheck.unprovedNumbers(lesson, run, source: source).isEmpty
  }
}
