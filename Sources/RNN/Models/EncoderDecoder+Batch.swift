extension EncoderDecoder {
  /// The teacher-forced loss and gradients of ``lossAndGradients(source:decoderInput:target:)``,
  /// summed over a minibatch, computed for all examples at once: both GRUs read the B
  /// sequences side by side (``GRU/forwardBatch(tokens:from:)``), so each step is a few
  /// matrix–matrix products. The sources must share one length, and the targets
  /// another.
  public func batchLossAndGradients(sources: [[Int]], decoderInputs: [[Int]], targets: [[Int]]) -> (
    loss: Double, gradients: Parameters
  ) {
    let batch = sources.count
    precondition(batch > 0 && decoderInputs.count == batch && targets.count == batch, "one of each per example")
    precondition(sources.allSatisfy { $0.count == sources[0].count }, "the sources must share one length")
    precondition(
      zip(decoderInputs, targets).allSatisfy { $0.count == targets[0].count && $1.count == targets[0].count },
      "the decoder inputs and targets must share one length")
    func stepMajor(_ sequences: [[Int]]) -> [[Int]] {
      (0..<sequences[0].count).map { t in sequences.map { $0[t] } }
    }
    let (encoder, decoder) = (self.encoder, self.decoder)
    let encoded = encoder.forwardBatch(tokens: stepMajor(sources), from: .zeros(hiddenSize, batch))
    let decoded = decoder.forwardBatch(tokens: stepMajor(decoderInputs), from: encoded.finalState)
    var loss = 0.0
    var dys: [Matrix] = []
    for (t, y) in decoder.outputs(decoded).enumerated() {
      var dy = Matrix(rows: y.rows, cols: batch)
      for b in 0..<batch {
        let one = softmaxCrossEntropy(logits: y.column(b), target: targets[b][t])
        loss += one.loss
        for i in 0..<y.rows { dy[i, b] = one.gradient[i] }
      }
      dys.append(dy)
    }
    let (decoderGradients, dContext) = decoder.backwardBatch(decoded, outputGradients: dys)
    let encoderGradients = encoder.backwardBatch(encoded, outputGradients: nil, finalStateGradient: dContext)
    return (loss, Parameters(encoder: encoderGradients.parameters, decoder: decoderGradients))
  }
}
