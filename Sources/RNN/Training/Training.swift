extension RecurrentModel {
  /// The loss and every weight's gradient over one chunk, from `state`, given a loss
  /// that turns the outputs into a number and ∂L/∂yₜ.
  public func lossAndGradients(
    _ inputs: SequenceInput, from state: State,
    loss: ([Matrix]) -> (loss: Double, outputGradients: [Matrix])
  ) -> (loss: Double, gradients: Parameters, finalState: State) {
    let pass = forward(inputs, from: state)
    let (value, dys) = loss(pass.outputs)
    return (value, backward(pass, outputGradients: dys), pass.finalState)
  }

  /// Truncated backpropagation through time: the sequence is cut into windows of
  /// `window` steps; the state is carried forward across windows, but gradients flow
  /// back only inside each one. The weights stay fixed; gradients are summed.
  ///
  /// With a window at least as long as the sequence this is full BPTT.
  public func truncatedBPTT(
    _ inputs: SequenceInput, targets: [Int], window: Int, from state: State
  ) -> (loss: Double, gradients: Parameters, finalState: State) {
    precondition(window > 0, "the window must be at least one step")
    precondition(targets.count == inputs.count, "one target per input")
    var state = state
    var total = 0.0
    var gradients = parameters.zeros()
    var start = 0
    while start < inputs.count {
      let end = min(start + window, inputs.count)
      let chunk = lossAndGradients(inputs.slice(start..<end), from: state) { outputs in
        softmaxCrossEntropy(outputs: outputs, targets: Array(targets[start..<end]))
      }
      total += chunk.loss
      gradients.add(chunk.gradients)
      state = chunk.finalState
      start = end
    }
    return (total, gradients, state)
  }
}
