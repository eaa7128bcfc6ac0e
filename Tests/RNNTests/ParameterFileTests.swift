import Foundation
import RNN
import Testing

/// Saving weights as text and loading them back changes no bit; a text that does not
/// fit the model is refused with a reason and leaves the weights as they were.
@Suite struct ParameterFileTests {
  static func models() -> (VanillaRNN, LSTM, GRU) {
    var rng = SeededGenerator(seed: 31)
    return (
      VanillaRNN(inputSize: 4, hiddenSize: 3, outputSize: 2, weightScale: 0.7, using: &rng),
      LSTM(inputSize: 4, hiddenSize: 3, outputSize: 2, weightScale: 0.7, using: &rng),
      GRU(inputSize: 4, hiddenSize: 3, outputSize: 2, weightScale: 0.7, using: &rng)
    )
  }

  static func roundTrip<M: RecurrentModel>(_ model: M, blank: M) throws -> Bool {
    var loaded = blank
    try loaded.parameters.load(serialized: model.parameters.serialized())
    return M.Parameters.parameterPaths.allSatisfy { _, path in
      loaded.parameters[keyPath: path].elements.map(\.bitPattern)
        == model.parameters[keyPath: path].elements.map(\.bitPattern)
    }
  }

  @Test func roundTripIsExactForEveryModel() throws {
    let (rnn, lstm, gru) = Self.models()
    var rng = SeededGenerator(seed: 32)
    var awkward = rnn
    awkward.parameters.Wxh[0] = 0.1
    awkward.parameters.Wxh[1] = -1e-300
    awkward.parameters.Wxh[2] = 1.0 / 3
    awkward.parameters.Wxh[3] = 123_456_789.123_456_79
    #expect(try Self.roundTrip(awkward, blank: VanillaRNN(inputSize: 4, hiddenSize: 3, outputSize: 2, using: &rng)))
    #expect(try Self.roundTrip(lstm, blank: LSTM(inputSize: 4, hiddenSize: 3, outputSize: 2, using: &rng)))
    #expect(try Self.roundTrip(gru, blank: GRU(inputSize: 4, hiddenSize: 3, outputSize: 2, using: &rng)))
  }

  @Test func theFormatIsTheDocumentedOne() {
    let p = VanillaRNN.Parameters(
      Wxh: Matrix([[0.5], [-0.25]]), Whh: Matrix([[1, 0], [0, 1e-05]]), Why: Matrix([[2, -3]]),
      bh: .zeros(2), by: .zeros(1))
    #expect(
      p.serialized() == """
        unrolled-parameters 1
        Wxh 2 1
        0.5
        -0.25
        Whh 2 2
        1.0 0.0
        0.0 1e-05
        Why 1 2
        2.0 -3.0
        bh 2 1
        0.0
        0.0
        by 1 1
        0.0

        """)
  }

  @Test func aFileRoundTrips() throws {
    let (_, lstm, _) = Self.models()
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "unrolled-parameters-\(UInt64.random(in: 0...UInt64.max)).txt")
    defer { try? FileManager.default.removeItem(at: url) }
    try lstm.parameters.save(to: url)
    var loaded = LSTM(parameters: lstm.parameters.zeros())
    try loaded.parameters.load(from: url)
    #expect(loaded.parameters.serialized() == lstm.parameters.serialized())
  }

  @Test func textThatDoesNotFitIsRefused() {
    let (rnn, _, gru) = Self.models()
    let good = rnn.parameters.serialized()
    let lines = good.split(separator: "\n").map(String.init)
    let cases: [(String, ParameterFileError)] = [
      ("hello\n", .notAParameterFile),
      (gru.parameters.serialized(), .missing("Wxh")),
      (good.replacingOccurrences(of: "Wxh 3 4", with: "Wxh 4 3"), .wrongShape("Wxh", expected: "3×4", found: "4×3")),
      (([lines[0], lines[1], "1 2 x 4"] + lines[3...]).joined(separator: "\n"), .badRow("Wxh", line: 3)),
      (([lines[0], lines[1], "1 2 3"] + lines[3...]).joined(separator: "\n"), .badRow("Wxh", line: 3)),
      (lines.dropLast().joined(separator: "\n"), .badRow("by", line: lines.count)),
      (good + "more\n", .unexpectedText(line: lines.count + 1)),
    ]
    for (text, expected) in cases {
      var target = rnn.parameters
      #expect(throws: expected) { try target.load(serialized: text) }
      #expect(target.serialized() == good, "unchanged after \(expected)")
    }
  }
}
