import Foundation
import RNN
import Testing

@Suite struct ScalarRNNTests {
  /// The worked example of DESIGN.md's lesson format: w_xh = 0.5, w_hh = 0.8 on [1, 2, 3]
  /// gives h = [0.4621, 0.8786, 0.9759]; the exact values follow from tanh by hand.
  @Test func forwardMatchesHandComputation() {
    let rnn = ScalarRNN(wxh: 0.5, whh: 0.8, bh: 0, why: 1, by: 0)
    let pass = rnn.forward([1, 2, 3])
    #expect(fmt(pass.hiddenStates, 4) == "[0.4621, 0.8786, 0.9759]")
    let h1 = tanh(0.5)
    let h2 = tanh(0.8 * h1 + 1.0)
    let h3 = tanh(0.8 * h2 + 1.5)
    #expect(pass.hiddenStates == [h1, h2, h3])
    #expect(pass.outputs == [h1, h2, h3])
  }

  /// Each named derivative is the chain rule written out: at the last step nothing flows
  /// from the future; before it, ∂L/∂hₜ = w_hy·∂L/∂yₜ + w_hh·∂L/∂zₜ₊₁.
  @Test func namedDerivativesFollowTheChainRule() {
    let rnn = ScalarRNN(wxh: 0.7, whh: -0.4, bh: 0.1, why: 1.3, by: -0.2)
    let pass = rnn.forward([0.5, -1, 2])
    let targets = [0.2, 0.1, -0.3]
    let g = rnn.backward(pass, targets: targets)
    #expect(g.dHiddenFromFuture[2] == 0)
    for t in 0..<3 {
      #expect(g.dOutputs[t] == pass.outputs[t] - targets[t])
      let h = pass.hiddenStates[t]
      #expect(abs(g.dPreActivations[t] - g.dHidden[t] * (1 - h * h)) < 1e-15)
      #expect(abs(g.dHidden[t] - (rnn.why * g.dOutputs[t] + g.dHiddenFromFuture[t])) < 1e-15)
    }
    for t in 0..<2 {
      #expect(abs(g.dHiddenFromFuture[t] - rnn.whh * g.dPreActivations[t + 1]) < 1e-15)
    }
  }

  /// Gradient descent on a small task drives the loss down by more than 90%.
  @Test func gradientDescentLearnsToEchoTheInput() {
    var rnn = ScalarRNN(wxh: 0.1, whh: 0.1, bh: 0, why: 0.1, by: 0)
    let inputs = [0.5, -0.3, 0.8, -0.6, 0.2]
    let targets = inputs.map { 0.5 * $0 }
    let before = rnn.loss(inputs, targets: targets)
    for _ in 0..<500 {
      rnn.step(rnn.backward(rnn.forward(inputs), targets: targets), learningRate: 0.1)
    }
    #expect(rnn.loss(inputs, targets: targets) < 0.1 * before)
  }
}
