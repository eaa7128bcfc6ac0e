import RNN
import Testing

@Suite struct TrainingTests {
  /// With a window that covers the whole sequence, truncated BPTT is full BPTT; with a
  /// shorter one, gradients differ (less flows back), while the loss — a forward
  /// quantity — does not.
  @Test func truncatedBPTTWithLongWindowEqualsFullBPTT() {
    var rng = SeededGenerator(seed: 5)
    let model = VanillaRNN(inputSize: 5, hiddenSize: 6, outputSize: 5, weightScale: 0.5, using: &rng)
    let inputs = (0..<20).map { _ in rng.integer(below: 5) }
    let targets = (0..<20).map { _ in rng.integer(below: 5) }
    let full = model.lossAndGradients(.tokens(inputs), from: model.initialState) {
      softmaxCrossEntropy(outputs: $0, targets: targets)
    }
    for window in [20, 25, 1000] {
      let truncated = model.truncatedBPTT(.tokens(inputs), targets: targets, window: window, from: model.initialState)
      #expect(abs(truncated.loss - full.loss) < 1e-12)
      for (_, path) in VanillaRNN.Parameters.parameterPaths {
        var difference = truncated.gradients[keyPath: path]
        difference -= full.gradients[keyPath: path]
        #expect(difference.maxAbs < 1e-12)
      }
      #expect(truncated.finalState == full.finalState)
    }
    let short = model.truncatedBPTT(.tokens(inputs), targets: targets, window: 5, from: model.initialState)
    #expect(abs(short.loss - full.loss) < 1e-12)
    var difference = short.gradients.Whh
    difference -= full.gradients.Whh
    #expect(difference.maxAbs > 1e-6)
  }

  /// Global-norm clipping leaves a norm at most the threshold and the direction unchanged;
  /// a gradient already short enough is not touched.
  @Test func globalNormClipping() {
    var rng = SeededGenerator(seed: 9)
    let model = VanillaRNN(inputSize: 3, hiddenSize: 4, outputSize: 3, weightScale: 1, using: &rng)
    let original = model.parameters
    var clipped = original
    let normBefore = clipped.clipGlobalNorm(to: 0.5)
    #expect(abs(normBefore - original.globalNorm) < 1e-12)
    #expect(normBefore > 0.5)
    #expect(clipped.globalNorm <= 0.5 + 1e-12)
    // Same direction: every entry scaled by one positive factor.
    let factor = 0.5 / normBefore
    for (_, path) in VanillaRNN.Parameters.parameterPaths {
      let a = original[keyPath: path].elements
      let b = clipped[keyPath: path].elements
      for i in a.indices { #expect(abs(b[i] - factor * a[i]) < 1e-15) }
    }
    var untouched = clipped
    untouched.clipGlobalNorm(to: 10)
    #expect(untouched.Whh == clipped.Whh)
  }

  @Test func elementWiseClipping() {
    var p = VanillaRNN.Parameters(
      Wxh: Matrix([[7, -0.5]]), Whh: Matrix([[-9]]), Why: Matrix([[5.5]]),
      bh: Matrix([[0.25]]), by: Matrix([[-5]]))
    p.clipElements(to: 5)
    #expect(p.Wxh.elements == [5, -0.5])
    #expect(p.Whh.elements == [-5])
    #expect(p.Why.elements == [5])
    #expect(p.bh.elements == [0.25])
    #expect(p.by.elements == [-5])
  }

  /// Each optimizer's first step, worked by hand for one weight w = 1 with gradient 2.
  @Test func optimizersFirstSteps() {
    func one(_ w: Double) -> VanillaRNN.Parameters {
      .init(Wxh: Matrix([[w]]), Whh: Matrix([[w]]), Why: Matrix([[w]]), bh: Matrix([[w]]), by: Matrix([[w]]))
    }
    var sgd = SGD(learningRate: 0.1)
    var p = one(1)
    sgd.update(&p, with: one(2))
    #expect(abs(p.Whh[0] - 0.8) < 1e-15)
    // Adagrad: m = 4, w = 1 − 0.1·2/√4 = 0.9; second step: m = 8, w = 0.9 − 0.2/√8.
    var adagrad = Adagrad(learningRate: 0.1)
    p = one(1)
    adagrad.update(&p, with: one(2))
    #expect(abs(p.Whh[0] - 0.9) < 1e-9)
    adagrad.update(&p, with: one(2))
    #expect(abs(p.Whh[0] - (0.9 - 0.2 / 8.0.squareRoot())) < 1e-9)
    // Adam: the first bias-corrected step is η·g/|g| = η whatever the gradient's size.
    var adam = Adam(learningRate: 0.01)
    p = one(1)
    adam.update(&p, with: one(2))
    #expect(abs(p.Whh[0] - 0.99) < 1e-7)
  }

  /// Four Adam steps, which from the second on depend on β₁, β₂ and the step count t,
  /// against values computed independently from Kingma and Ba's Algorithm 1 by
  /// `Reference/adam_steps.py` (run it to regenerate the numbers below).
  @Test(arguments: [
    (0.8, 0.9, [0.9000000005, 0.878577181073776, 0.8470206954175831, 0.7809666822679171]),
    (0.9, 0.999, [0.9000000005, 0.8733662967024315, 0.8393233821389426, 0.7762053210926964]),
  ])
  func adamSteps(beta1: Double, beta2: Double, expected: [Double]) {
    var adam = Adam(learningRate: 0.1, beta1: beta1, beta2: beta2, epsilon: 1e-8)
    var p = VanillaRNN.Parameters(
      Wxh: Matrix([[1]]), Whh: Matrix([[1]]), Why: Matrix([[1]]), bh: Matrix([[1]]), by: Matrix([[1]]))
    var weights: [Double] = []
    for g in [2.0, -1, 0.5, 3] {
      let gradient = VanillaRNN.Parameters(
        Wxh: Matrix([[g]]), Whh: Matrix([[g]]), Why: Matrix([[g]]), bh: Matrix([[g]]), by: Matrix([[g]]))
      adam.update(&p, with: gradient)
      weights.append(p.Whh[0])
      #expect(p.Wxh == p.Whh && p.by == p.Whh, "every weight takes the same step")
    }
    for (t, (actual, wanted)) in zip(weights, expected).enumerated() {
      #expect(abs(actual - wanted) < 1e-12, "step \(t + 1)")
    }
  }

  /// Sampling is reproducible with a seed, and a very low temperature picks the most
  /// likely token every time.
  @Test func sampling() {
    var rng = SeededGenerator(seed: 3)
    let model = VanillaRNN(inputSize: 4, hiddenSize: 5, outputSize: 4, weightScale: 1, using: &rng)
    var a = SeededGenerator(seed: 1)
    var b = SeededGenerator(seed: 1)
    let first = model.sample(from: model.initialState, first: 0, count: 30, using: &a)
    #expect(first.count == 30)
    #expect(first == model.sample(from: model.initialState, first: 0, count: 30, using: &b))
    #expect(first.allSatisfy { (0..<4).contains($0) })
    var c = SeededGenerator(seed: 1)
    let greedy = model.sample(from: model.initialState, first: 0, count: 10, temperature: 1e-4, using: &c)
    #expect(greedy.count == 10)
    var state = model.initialState
    var token = 0
    for expected in greedy {
      let pass = model.forward(.tokens([token]), from: state)
      token = pass.outputs[0].argmax
      state = pass.finalState
      #expect(token == expected)
    }
  }
}
