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

  /// Three steps of a vanilla (Elman) RNN and of a GRU with two inputs, two units and two
  /// outputs, from h₀ = [0.1, −0.2], against `Reference/gru_and_elman_worked_examples.py`,
  /// which evaluates the papers' equations (Elman 1990; Cho et al. 2014, eqs. 5–8) with
  /// plain Python floats and nothing from this library. Run the script to regenerate the
  /// numbers below.
  static let inputs = [Matrix(vector: [1, 2]), Matrix(vector: [0.5, -1]), Matrix(vector: [-1.5, 0.25])]
  static let h0 = Matrix(vector: [0.1, -0.2])
  static let why = Matrix([[1, -0.5], [0.25, 0.75]])
  static let by = Matrix(vector: [0.2, -0.3])

  /// `h` and `y` at each step, each within 1e-12 of the reference.
  static func expectSteps(
    hidden: [Matrix], outputs: [Matrix], _ expected: [(h: [Double], y: [Double])]
  ) {
    #expect(hidden.count == expected.count && outputs.count == expected.count)
    for (t, step) in expected.enumerated() where t < hidden.count && t < outputs.count {
      for i in 0..<2 {
        #expect(abs(hidden[t][i] - step.h[i]) < 1e-12, "h[\(i)] at step \(t + 1)")
        #expect(abs(outputs[t][i] - step.y[i]) < 1e-12, "y[\(i)] at step \(t + 1)")
      }
    }
  }

  @Test func elmanForwardPass() {
    let model = VanillaRNN(
      parameters: .init(
        Wxh: Matrix([[0.5, -0.3], [0.2, 0.8]]), Whh: Matrix([[0.1, 0.4], [-0.6, 0.3]]), Why: Self.why,
        bh: Matrix(vector: [0.05, -0.1]), by: Self.by))
    let pass = model.forward(.vectors(Self.inputs), from: Self.h0)
    Self.expectSteps(
      hidden: pass.hiddenStates, outputs: pass.outputs,
      [
        ([-0.11942729853438587, 0.9186018928570671], [-0.3787282449629194, 0.35909459500920377]),
        ([0.7422620161007691, -0.4241675879046561], [1.1543458100530972, -0.4325601869032998]),
        ([-0.7015980379049632, -0.648443100635036], [-0.17737648758744523, -0.9617318349525177]),
      ])
  }

  @Test func gruForwardPass() {
    let model = GRU(
      parameters: .init(
        Wz: Matrix([[0.3, -0.2], [0.6, 0.1]]), Uz: Matrix([[0.5, -0.4], [0.2, 0.7]]), bz: Matrix(vector: [0.1, -0.05]),
        Wr: Matrix([[-0.4, 0.9], [0.35, -0.15]]), Ur: Matrix([[0.25, 0.3], [-0.5, 0.45]]),
        br: Matrix(vector: [-0.2, 0.15]),
        Wh: Matrix([[0.8, 0.1], [-0.3, 0.65]]), Uh: Matrix([[-0.35, 0.55], [0.4, 0.2]]),
        bh: Matrix(vector: [0.05, 0.1]),
        Why: Self.why, by: Self.by))
    let pass = model.forward(.vectors(Self.inputs), from: Self.h0)
    Self.expectSteps(
      hidden: pass.steps.map(\.h), outputs: pass.outputs,
      [
        ([0.40261344144187555, 0.14890872133609648], [0.5281590807738273, -0.08766509863745875]),
        ([0.38344755342202314, -0.1499433276276479], [0.6584192172358472, -0.3165956073652301]),
        ([-0.27676312058623387, 0.43918400481304476], [-0.29635512299275624, -0.03980277653677483]),
      ])
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
