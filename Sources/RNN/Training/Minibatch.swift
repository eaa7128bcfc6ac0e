extension RecurrentModel {
  /// Softmax cross-entropy summed over a minibatch, one sequence after another: the
  /// sum of ``lossAndGradients(_:from:loss:)`` over the sequences.
  public func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], from states: [State]) -> (
    loss: Double, gradients: Parameters, finalStates: [State]
  ) {
    precondition(
      tokens.count == targets.count && tokens.count == states.count, "one target list and state per sequence")
    var total = 0.0
    var gradients = parameters.zeros()
    var finalStates: [State] = []
    for (b, sequence) in tokens.enumerated() {
      let one = lossAndGradients(.tokens(sequence), from: states[b]) {
        softmaxCrossEntropy(outputs: $0, targets: targets[b])
      }
      total += one.loss
      gradients.add(one.gradients)
      finalStates.append(one.finalState)
    }
    return (total, gradients, finalStates)
  }
}
