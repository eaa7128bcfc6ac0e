/// Log-probabilities from scores: log pᵢ = zᵢ − log Σⱼ e^{zⱼ}, computed as
/// (zᵢ − m) − log Σⱼ e^{zⱼ − m} with m the largest score, so that no probability is
/// rounded to 0 before its logarithm is taken.
///
/// Decoders add these along a sequence: the log-probability of a whole output is the
/// sum of its tokens', where a product of probabilities would underflow.
public func logSoftmax(_ z: Matrix) -> Matrix {
  let largest = z.elements.max() ?? 0
  var shifted = z
  shifted.updateEach { $0 - largest }
  let total = shifted.elements.reduce(0.0) { $0 + Math.exp($1) }
  let logTotal = Math.log(total)
  shifted.updateEach { $0 - logTotal }
  return shifted
}
