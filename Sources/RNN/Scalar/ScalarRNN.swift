import Foundation

/// A recurrent network with one input, one hidden unit and one output, in plain numbers.
///
/// At every step t it reads xₜ and updates its memory hₜ:
///
///     hₜ = tanh(w_hh·hₜ₋₁ + w_xh·xₜ + b_h)
///     yₜ = w_hy·hₜ + b_y
///
/// The same five numbers serve every step. The loss is the squared error
/// L = Σₜ ½(yₜ − targetₜ)². ``backward(_:targets:carryFromFuture:)`` returns every
/// partial derivative of backpropagation through time by name, so a lesson can print
/// each one.
public struct ScalarRNN: Sendable {
  /// Weight from the input to the hidden unit.
  public var wxh: Double
  /// Weight from the hidden unit to itself, one step later: the recurrence.
  public var whh: Double
  /// Bias of the hidden unit.
  public var bh: Double
  /// Weight from the hidden unit to the output.
  public var why: Double
  /// Bias of the output.
  public var by: Double

  /// A network with the given weights.
  public init(wxh: Double, whh: Double, bh: Double, why: Double, by: Double) {
    self.wxh = wxh
    self.whh = whh
    self.bh = bh
    self.why = why
    self.by = by
  }

  /// The weights as a list in the order wxh, whh, bh, why, by (for gradient checks).
  public var parameters: [Double] {
    get { [wxh, whh, bh, why, by] }
    set { (wxh, whh, bh, why, by) = (newValue[0], newValue[1], newValue[2], newValue[3], newValue[4]) }
  }

  /// Everything the forward pass computed, kept for the backward pass.
  public struct Forward: Sendable {
    /// The inputs x₁…x_T.
    public let inputs: [Double]
    /// The hidden state before the first step, h₀.
    public let initialHidden: Double
    /// h₁…h_T.
    public let hiddenStates: [Double]
    /// y₁…y_T.
    public let outputs: [Double]
  }

  /// One step of the recurrence: the new hidden state from the previous one and an input.
  public func step(hPrev: Double, x: Double) -> Double {
    tanh(whh * hPrev + wxh * x + bh)
  }

  /// Runs the network over `inputs` from hidden state `h0`, keeping every hₜ and yₜ.
  public func forward(_ inputs: [Double], h0: Double = 0) -> Forward {
    var h = h0
    var hiddenStates: [Double] = []
    var outputs: [Double] = []
    for x in inputs {
      h = step(hPrev: h, x: x)
      hiddenStates.append(h)
      outputs.append(why * h + by)
    }
    return Forward(inputs: inputs, initialHidden: h0, hiddenStates: hiddenStates, outputs: outputs)
  }

  /// The squared-error loss Σₜ ½(yₜ − targetₜ)².
  public static func loss(outputs: [Double], targets: [Double]) -> Double {
    precondition(outputs.count == targets.count, "one target per output")
    return zip(outputs, targets).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) }
  }

  /// The loss of running the network over `inputs` against `targets`.
  public func loss(_ inputs: [Double], targets: [Double], h0: Double = 0) -> Double {
    Self.loss(outputs: forward(inputs, h0: h0).outputs, targets: targets)
  }

  /// Every derivative of backpropagation through time, each under its own name.
  public struct Gradients: Sendable {
    /// ∂L/∂yₜ = yₜ − targetₜ.
    public var dOutputs: [Double] = []
    /// ∂L/∂hₜ: the part through yₜ plus the part flowing back from step t+1.
    public var dHidden: [Double] = []
    /// The part of ∂L/∂hₜ that flows back from step t+1: ∂L/∂zₜ₊₁ · w_hh (0 at the last step).
    public var dHiddenFromFuture: [Double] = []
    /// ∂L/∂zₜ, where zₜ = w_hh·hₜ₋₁ + w_xh·xₜ + b_h is the value inside tanh:
    /// ∂L/∂hₜ · (1 − hₜ²).
    public var dPreActivations: [Double] = []
    /// ∂L/∂h₀, what would flow into an earlier chunk.
    public var dInitialHidden: Double = 0
    /// ∂L/∂w_xh = Σₜ ∂L/∂zₜ · xₜ.
    public var wxh: Double = 0
    /// ∂L/∂w_hh = Σₜ ∂L/∂zₜ · hₜ₋₁.
    public var whh: Double = 0
    /// ∂L/∂b_h = Σₜ ∂L/∂zₜ.
    public var bh: Double = 0
    /// ∂L/∂w_hy = Σₜ ∂L/∂yₜ · hₜ.
    public var why: Double = 0
    /// ∂L/∂b_y = Σₜ ∂L/∂yₜ.
    public var by: Double = 0

    /// All zeros, to sum gradients into.
    public init() {}

    /// The weight gradients in the order of ``ScalarRNN/parameters``.
    public var parameters: [Double] { [wxh, whh, bh, why, by] }
  }

  /// Backpropagation through time for the squared-error loss.
  ///
  /// Walks from the last step to the first. At step t the gradient reaching hₜ has two
  /// sources: the output yₜ, and the next step's hidden state (hₜ feeds hₜ₊₁). Passing
  /// `carryFromFuture: false` leaves the second out, which is the classic BPTT mistake;
  /// a gradient check catches it.
  public func backward(_ pass: Forward, targets: [Double], carryFromFuture: Bool = true) -> Gradients {
    let steps = pass.inputs.count
    precondition(targets.count == steps, "one target per input")
    var g = Gradients()
    g.dOutputs = zip(pass.outputs, targets).map { $0 - $1 }
    g.dHidden = Array(repeating: 0, count: steps)
    g.dHiddenFromFuture = Array(repeating: 0, count: steps)
    g.dPreActivations = Array(repeating: 0, count: steps)
    var fromFuture = 0.0  // ∂L/∂hₜ through hₜ₊₁
    for t in stride(from: steps - 1, through: 0, by: -1) {
      let h = pass.hiddenStates[t]
      let hPrev = t > 0 ? pass.hiddenStates[t - 1] : pass.initialHidden
      let dy = g.dOutputs[t]
      g.why += dy * h
      g.by += dy
      let dh = why * dy + (carryFromFuture ? fromFuture : 0)
      let dz = dh * (1 - h * h)  // tanh'(z) = 1 − tanh(z)²
      g.wxh += dz * pass.inputs[t]
      g.whh += dz * hPrev
      g.bh += dz
      g.dHidden[t] = dh
      g.dHiddenFromFuture[t] = carryFromFuture ? fromFuture : 0
      g.dPreActivations[t] = dz
      fromFuture = dz * whh
    }
    g.dInitialHidden = fromFuture
    return g
  }

  /// One step of gradient descent: every weight moves against its gradient, scaled by
  /// the learning rate.
  public mutating func step(_ gradients: Gradients, learningRate: Double) {
    wxh -= learningRate * gradients.wxh
    whh -= learningRate * gradients.whh
    bh -= learningRate * gradients.bh
    why -= learningRate * gradients.why
    by -= learningRate * gradients.by
  }
}
