extension RecurrentModel {
  /// Softmax cross-entropy summed over a minibatch, one sequence after another: the
  /// sum of ``lossAndGradients(_:from:loss:)`` over the sequences.
  public func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], from states: [State]) -> (
    loss: Double, gradients: Parameters, finalStates: [State]
  ) {
    sequencesOneByOne(tokens: tokens, targets: targets, from: states)
  }

  /// The default ``batchLossAndGradients(tokens:targets:from:)``: the sum of
  /// ``lossAndGradients(_:from:loss:)`` over the sequences, in order, which a batched
  /// model's own version must equal bit for bit.
  func sequencesOneByOne(tokens: [[Int]], targets: [[Int]], from states: [State]) -> (
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

  /// The same for sequences of different lengths, padded to one length: sequence b is
  /// the first `lengths[b]` steps of row b, read alone; the padding is never read.
  public func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], lengths: [Int], from states: [State])
    -> (loss: Double, gradients: Parameters, finalStates: [State])
  {
    precondition(lengths.count == tokens.count, "one length per sequence")
    precondition(zip(lengths, tokens).allSatisfy { (0...$1.count).contains($0) }, "lengths within the padding")
    return batchLossAndGradients(
      tokens: zip(tokens, lengths).map { Array($0.prefix($1)) },
      targets: zip(targets, lengths).map { Array($0.prefix($1)) }, from: states)
  }
}
