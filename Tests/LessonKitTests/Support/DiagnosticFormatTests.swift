import Foundation
import Testing

@testable import LessonKit

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
