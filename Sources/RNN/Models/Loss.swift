/// Probabilities from scores: pᵢ = e^{zᵢ} / Σⱼ e^{zⱼ} (computed with the largest score
/// subtracted first, which changes nothing but keeps e^{z} finite).
public func softmax(_ z: Matrix) -> Matrix {
  var p = shiftedExponentials(z)
  p *= 1 / p.sum
  return p
}

/// e^{zᵢ − max z} for every entry: the numerators of softmax, the largest equal to 1.
private func shiftedExponentials(_ z: Matrix) -> Matrix {
  let largest = z.elements.max() ?? 0
  var e = z
  e.updateEach { $0 - largest }
  e.elements.withUnsafeMutableBufferPointer { Math.exp($0) }
  return e
}

/// Softmax cross-entropy of one step: L = −log pₜₐᵣ₉ₑₜ, and its gradient with respect to
/// the scores, ∂L/∂z = p − onehot(target).
///
/// The loss is computed as log Σⱼ e^{zⱼ − m} − (zₜₐᵣ₉ₑₜ − m) with m the largest score
/// (log-sum-exp), never as the logarithm of a probability that may have rounded to 0,
/// so it is finite whenever the scores are.
public func softmaxCrossEntropy(logits: Matrix, target: Int) -> (loss: Double, gradient: Matrix) {
  var p = logits
  let loss = p.elements.withUnsafeMutableBufferPointer { softmaxCrossEntropy($0, target: target) }
  return (loss, p)
}

/// ``softmaxCrossEntropy(logits:target:)`` in place: the scores become ∂L/∂z, and the
/// loss is returned. Nothing is allocated, so a batch can run it on every row.
func softmaxCrossEntropy(_ z: UnsafeMutableBufferPointer<Double>, target: Int) -> Double {
  let shift = subtractLargest(z, target: target)
  Math.exp(z)
  return softmaxCrossEntropy(exponentials: z, target: target, shift)
}

/// The first half of softmax cross-entropy in place: z − max z, returning max z and the
/// target's score, which the second half needs.
func subtractLargest(_ z: UnsafeMutableBufferPointer<Double>, target: Int) -> (largest: Double, targetScore: Double) {
  var largest = z.first ?? 0
  for x in z.dropFirst() where x > largest { largest = x }
  let targetScore = z[target]
  for i in z.indices { z[i] -= largest }
  return (largest, targetScore)
}

/// The second half, once e^{z − max z} has replaced every entry: the loss
/// log Σⱼ e^{zⱼ − m} − (zₜₐᵣ₉ₑₜ − m), and ∂L/∂z = p − onehot(target) in place.
func softmaxCrossEntropy(
  exponentials z: UnsafeMutableBufferPointer<Double>, target: Int, _ shift: (largest: Double, targetScore: Double)
) -> Double {
  var total = 0.0
  for x in z { total += x }
  let loss = Math.log(total) - (shift.targetScore - shift.largest)
  let scale = 1 / total
  for i in z.indices { z[i] *= scale }
  z[target] -= 1
  return loss
}

/// Softmax cross-entropy summed over a sequence, with ∂L/∂yₜ for every step.
public func softmaxCrossEntropy(outputs: [Matrix], targets: [Int]) -> (loss: Double, outputGradients: [Matrix]) {
  precondition(outputs.count == targets.count, "one target per output")
  var total = 0.0
  var gradients: [Matrix] = []
  gradients.reserveCapacity(outputs.count)
  for (y, target) in zip(outputs, targets) {
    let (loss, dy) = softmaxCrossEntropy(logits: y, target: target)
    total += loss
    gradients.append(dy)
  }
  return (total, gradients)
}

/// Mean squared error of one prediction, (1/n)·Σᵢ (yᵢ − targetᵢ)², and its gradient
/// (2/n)·(y − target).
public func meanSquaredError(prediction: Matrix, target: Matrix) -> (loss: Double, gradient: Matrix) {
  let diff = prediction - target
  let n = Double(diff.count)
  return (Kernels.dot(diff.elements, diff.elements) / n, (2 / n) * diff)
}

/// Mean squared error summed over the steps of a sequence, with ∂L/∂yₜ for each.
public func meanSquaredError(outputs: [Matrix], targets: [Matrix]) -> (loss: Double, outputGradients: [Matrix]) {
  precondition(outputs.count == targets.count, "one target per output")
  var total = 0.0
  var gradients: [Matrix] = []
  for (y, target) in zip(outputs, targets) {
    let (loss, dy) = meanSquaredError(prediction: y, target: target)
    total += loss
    gradients.append(dy)
  }
  return (total, gradients)
}

/// The loss of only the last step, with zero gradients at the others: for models that
/// read a whole sequence and then give one answer.
public func lastStepOnly(
  _ outputs: [Matrix], _ loss: (Matrix) -> (loss: Double, gradient: Matrix)
) -> (loss: Double, outputGradients: [Matrix]) {
  precondition(!outputs.isEmpty, "an empty sequence has no last step")
  // One zero matrix shared by every step before the last (copied only if written to).
  let zero = Matrix(rows: outputs[0].rows, cols: outputs[0].cols)
  var gradients = outputs.map { $0.sameShape(zero) ? zero : Matrix(rows: $0.rows, cols: $0.cols) }
  let (value, gradient) = loss(outputs[outputs.count - 1])
  gradients[gradients.count - 1] = gradient
  return (value, gradients)
}
