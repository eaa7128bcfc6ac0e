import Foundation
import RNN
import Testing

/// Reference values from outside this library.
@Suite struct ReferenceValueTests {
  /// The LSTM worked example of Aidan Gomez, "Backpropogating an LSTM: A Numerical
  /// Example" (2016): two inputs per step, one unit, x₀ = [1, 2], x₁ = [0.5, 3], with the
  /// weights below, no output layer (here W_hy = 1, b_y = 0). The post works the forward
  /// pass by hand to about five digits (out₀ ≈ 0.536, state₀ ≈ 0.786); the full-precision
  /// values come from `Reference/lstm_worked_example.py`, which evaluates the same
  /// example with 50-digit arithmetic (mpmath).
  @Test func gomezLSTMForwardPass() {
    func m(_ values: [Double]) -> Matrix { Matrix(rows: 1, cols: values.count, elements: values) }
    let model = LSTM(
      parameters: .init(
        Wf: m([0.7, 0.45]), Uf: m([0.1]), bf: m([0.15]),
        Wi: m([0.95, 0.8]), Ui: m([0.8]), bi: m([0.65]),
        Wo: m([0.6, 0.4]), Uo: m([0.25]), bo: m([0.1]),
        Wc: m([0.45, 0.25]), Uc: m([0.15]), bc: m([0.2]),
        Why: m([1]), by: m([0])))
    let pass = model.forward(.vectors([Matrix(vector: [1, 2]), Matrix(vector: [0.5, 3])]))
    let expected: [(state: Double, out: Double)] = [
      (0.785_726_148_436_579_812_38, 0.536_313_397_882_011_877_24),
      (1.517_633_097_669_404_308_6, 0.771_981_105_758_890_678_76),
    ]
    for t in 0..<2 {
      #expect(abs(pass.steps[t].c[0] - expected[t].state) < 1e-12)
      #expect(abs(pass.steps[t].h[0] - expected[t].out) < 1e-12)
      #expect(abs(pass.outputs[t][0] - expected[t].out) < 1e-12)
    }
  }

  /// Karpathy's "hello" example (The Unreasonable Effectiveness of Recurrent Neural
  /// Networks, 2015): vocabulary h, e, l, o; inputs "hell", targets "ello". With small
  /// random weights every character is about equally likely, so the loss starts near
  /// 4·ln 4 ≈ 5.545; plain SGD then teaches it to predict "ello".
  @Test func helloExample() {
    let vocabulary = Vocabulary("helo")
    #expect(vocabulary.size == 4)
    let inputs = vocabulary.encode("hell")
    let targets = vocabulary.encode("ello")
    var rng = SeededGenerator(seed: 2015)
    var model = VanillaRNN(inputSize: 4, hiddenSize: 3, outputSize: 4, weightScale: 0.01, using: &rng)
    let initial = softmaxCrossEntropy(outputs: model.forward(.tokens(inputs)).outputs, targets: targets).loss
    #expect(abs(initial - 4 * log(4.0)) < 0.01)
    var sgd = SGD(learningRate: 0.1)
    var loss = initial
    for _ in 0..<1000 {
      let step = model.lossAndGradients(.tokens(inputs), from: model.initialState) {
        softmaxCrossEntropy(outputs: $0, targets: targets)
      }
      loss = step.loss
      sgd.update(&model.parameters, with: step.gradients)
    }
    let predicted = model.forward(.tokens(inputs)).outputs.map(\.argmax)
    #expect(vocabulary.decode(predicted) == "ello")
    #expect(loss < 0.5)
  }
}
