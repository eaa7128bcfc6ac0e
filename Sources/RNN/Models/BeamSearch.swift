/// One partial output of beam search: the tokens written so far, their summed
/// log-probability, and the decoder state whose scores gave the last of them.
public struct BeamHypothesis: Sendable {
  /// The tokens written so far (the end token last, once finished).
  public var tokens: [Int]
  /// log p(tokens | source) = Σₜ log p(tokenₜ | earlier tokens, source).
  public var logProbability: Double
  /// The decoder state sₜ whose scores gave the last token (s₀ before any token): the
  /// next step reads the last token from it.
  public var state: Matrix
  /// Whether the last token is the end token: a finished hypothesis grows no further.
  public var isFinished: Bool

  /// A hypothesis with the given tokens, score and state.
  public init(tokens: [Int], logProbability: Double, state: Matrix, isFinished: Bool) {
    (self.tokens, self.logProbability, self.state, self.isFinished) = (tokens, logProbability, state, isFinished)
  }
}

/// One step of beam search: every unfinished hypothesis is extended by every token,
/// scored by its summed log-probability, and the `width` best of these extensions and
/// of the finished hypotheses (carried over as they are) are kept, best first.
///
///     score(y₁…yₜ) = score(y₁…yₜ₋₁) + log p(yₜ | y₁…yₜ₋₁, source)
///
/// `next` gives, for a hypothesis, the decoder's state after reading its last token
/// and the log-probabilities of the token after it. Scores are summed log-probabilities, never
/// products of probabilities, which underflow on long outputs. Ties keep the
/// hypothesis listed first.
public func beamSearchStep(
  _ hypotheses: [BeamHypothesis], width: Int, end: Int,
  next: (BeamHypothesis) -> (state: Matrix, logProbabilities: Matrix)
) -> [BeamHypothesis] {
  precondition(width >= 1, "a beam keeps at least one hypothesis")
  var candidates: [BeamHypothesis] = []
  for hypothesis in hypotheses {
    if hypothesis.isFinished {
      candidates.append(hypothesis)
      continue
    }
    let (state, logProbabilities) = next(hypothesis)
    for token in 0..<logProbabilities.count {
      candidates.append(
        BeamHypothesis(
          tokens: hypothesis.tokens + [token], logProbability: hypothesis.logProbability + logProbabilities[token],
          state: state, isFinished: token == end))
    }
  }
  let order = candidates.indices.sorted {
    candidates[$0].logProbability > candidates[$1].logProbability
      || (candidates[$0].logProbability == candidates[$1].logProbability && $0 < $1)
  }
  return order.prefix(width).map { candidates[$0] }
}

extension EncoderDecoder {
  /// Beam search: keeps the `width` most likely partial outputs at every step (see
  /// ``beamSearchStep(_:width:end:next:)``), until all of them are finished or
  /// `maxLength` tokens long; all of them, best first.
  ///
  /// With width 1 it is greedy decoding. A wider beam can find an output whose first
  /// token was not the most likely one but whose whole is more likely.
  public func beamSearch(source: [Int], width: Int, begin: Int, end: Int, maxLength: Int) -> [BeamHypothesis] {
    var beam = [
      BeamHypothesis(tokens: [], logProbability: 0, state: encode(source).finalState, isFinished: false)
    ]
    for _ in 0..<maxLength where !beam.allSatisfy(\.isFinished) {
      beam = beamSearchStep(beam, width: width, end: end) { hypothesis in
        decoderStep(hypothesis.tokens.last ?? begin, hypothesis.state)
      }
    }
    return beam
  }
}
