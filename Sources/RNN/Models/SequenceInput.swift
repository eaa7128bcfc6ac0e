/// What a model reads, step by step: vectors, or token numbers that stand for one-hot
/// vectors.
///
/// With tokens, `W·x` for a one-hot x is just column `token` of W, so the model looks
/// the column up instead of multiplying by a vector of zeros.
public enum SequenceInput: Sendable {
  /// One input vector per step.
  case vectors([Matrix])
  /// One token number per step, each standing for a one-hot vector.
  case tokens([Int])

  /// The number of steps.
  public var count: Int {
    switch self {
    case .vectors(let xs): xs.count
    case .tokens(let ts): ts.count
    }
  }

  /// The input at step t alone.
  public func at(_ t: Int) -> SequenceInput {
    switch self {
    case .vectors(let xs): .vectors([xs[t]])
    case .tokens(let ts): .tokens([ts[t]])
    }
  }

  /// Steps `range` only.
  public func slice(_ range: Range<Int>) -> SequenceInput {
    switch self {
    case .vectors(let xs): .vectors(Array(xs[range]))
    case .tokens(let ts): .tokens(Array(ts[range]))
    }
  }

  /// W·xₜ: a matrix-vector product, or for a token, a column of W.
  public func times(_ w: Matrix, at t: Int) -> Matrix {
    switch self {
    case .vectors(let xs): w * xs[t]
    case .tokens(let ts): w.column(ts[t])
    }
  }

  /// W·xₜ + U·h + b, a layer's input at step t: the bits of `times(w, at: t) + u * h + b`,
  /// with U·h written into `scratch` (a vector of the right size) instead of a new matrix.
  public func times(_ w: Matrix, at t: Int, plus u: Matrix, times h: Matrix, plus b: Matrix, scratch: inout Matrix)
    -> Matrix
  {
    var z = times(w, at: t)
    scratch.setProduct(u, h)
    z += scratch
    z += b
    return z
  }

  /// dW += d·xₜᵀ: the gradient of W·xₜ with respect to W, added in place.
  public func accumulate(_ d: Matrix, into dW: inout Matrix, at t: Int) {
    switch self {
    case .vectors(let xs):
      dW.addProduct(d, xs[t].T)
    case .tokens(let ts):
      let (j, n) = (ts[t], dW.cols)
      dW.elements.withUnsafeMutableBufferPointer { w in
        for i in 0..<d.count { w[i * n + j] += d[i] }
      }
    }
  }
}

/// A recurrent model: it reads a sequence from a state, and gives an output per step.
///
/// ``VanillaRNN``, ``LSTM`` and ``GRU`` share this shape, so training loops, truncated
/// BPTT, sampling and gradient checks are written once.
public protocol RecurrentModel: Sendable {
  /// The model's weights (and, in the same shape, their gradients).
  associatedtype Parameters: ParameterSet
  /// What the model carries from one step to the next.
  associatedtype State: Sendable
  /// Everything a forward pass keeps for the backward pass.
  associatedtype Pass: RecurrentPass where Pass.State == State

  /// The weights.
  var parameters: Parameters { get set }
  /// The state before anything has been read (zeros).
  var initialState: State { get }
  /// One step of the recurrence alone: the state after reading the input vector `x`
  /// from `state`, without the output layer and without keeping anything.
  func step(_ x: Matrix, _ state: State) -> State
  /// Reads `inputs` from `state`, keeping what the backward pass needs.
  func forward(_ inputs: SequenceInput, from state: State) -> Pass
  /// Backpropagation through time: the gradient of the loss with respect to every
  /// weight and with respect to the state the pass started from, given ∂L/∂yₜ for
  /// each step.
  ///
  /// The state's gradient is what would flow into an earlier chunk of the sequence.
  /// `carryFromFuture: false` drops the gradient flowing back from step t+1 (the
  /// classic mistake, kept for lessons to catch); the state's gradient is then only
  /// what step 1 sends back.
  func backwardWithInitialState(_ pass: Pass, outputGradients: [Matrix], carryFromFuture: Bool) -> (
    parameters: Parameters, initialState: State
  )
  /// Softmax cross-entropy over a minibatch of token sequences of equal length, each
  /// read from its own state: the loss and every weight's gradient summed over the
  /// batch, and each sequence's final state. ``VanillaRNN`` and ``GRU`` run the whole
  /// batch through matrix-matrix products; the default reads the sequences one by one.
  func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], from states: [State]) -> (
    loss: Double, gradients: Parameters, finalStates: [State]
  )
  /// The same for token sequences of different lengths, padded to one length: only
  /// the first `lengths[b]` steps of sequence b count, in the loss and in the
  /// gradients, and its final state is the state after its own last step. The result
  /// is that of the unpadded sequences read one by one.
  func batchLossAndGradients(tokens: [[Int]], targets: [[Int]], lengths: [Int], from states: [State]) -> (
    loss: Double, gradients: Parameters, finalStates: [State]
  )
}

/// What a forward pass gives back: an output per step and the state after the last.
public protocol RecurrentPass: Sendable {
  /// The model's state type.
  associatedtype State: Sendable
  /// yₜ for every step.
  var outputs: [Matrix] { get }
  /// The state after the last step, to carry into the next chunk.
  var finalState: State { get }
}

extension RecurrentModel {
  /// Backpropagation through time: the gradient of the loss with respect to every
  /// weight, given ∂L/∂yₜ for each step. `carryFromFuture: false` drops the gradient
  /// flowing back from step t+1 (the classic mistake, kept for lessons to catch).
  public func backward(_ pass: Pass, outputGradients: [Matrix], carryFromFuture: Bool) -> Parameters {
    backwardWithInitialState(pass, outputGradients: outputGradients, carryFromFuture: carryFromFuture).parameters
  }

  /// BPTT with the gradient from the future included (the correct algorithm).
  public func backward(_ pass: Pass, outputGradients: [Matrix]) -> Parameters {
    backward(pass, outputGradients: outputGradients, carryFromFuture: true)
  }

  /// BPTT with the gradient from the future included, giving the weights' gradient
  /// and the gradient with respect to the state the pass started from.
  public func backwardWithInitialState(_ pass: Pass, outputGradients: [Matrix]) -> (
    parameters: Parameters, initialState: State
  ) {
    backwardWithInitialState(pass, outputGradients: outputGradients, carryFromFuture: true)
  }

  /// One step of the recurrence for a token, the input standing for a one-hot vector.
  public func step(token: Int, _ state: State) -> State {
    forward(.tokens([token]), from: state).finalState
  }

  /// Reads `inputs` from the initial state.
  public func forward(_ inputs: SequenceInput) -> Pass {
    forward(inputs, from: initialState)
  }

  /// Generates `count` tokens, starting by feeding `first` from `state`; each next token
  /// is drawn from softmax(yₜ / temperature).
  ///
  /// A temperature below 1 sharpens the distribution (safer, more repetitive text);
  /// above 1 flattens it (more surprising, more mistakes).
  public func sample(
    from state: State, first: Int, count: Int, temperature: Double = 1,
    using rng: inout SeededGenerator
  ) -> [Int] {
    precondition(temperature > 0, "the temperature must be positive")
    var state = state
    var token = first
    var result: [Int] = []
    for _ in 0..<count {
      let pass = forward(.tokens([token]), from: state)
      state = pass.finalState
      let p = softmax(pass.outputs[0] / temperature)
      token = rng.choice(weights: p.elements)
      result.append(token)
    }
    return result
  }
}
