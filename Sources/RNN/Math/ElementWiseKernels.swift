/// The functions of `Math` over whole buffers, in place. The loops hold no branches or
/// calls, so the compiler runs them several entries at a time in vector registers; each
/// entry's bits are the same as from the function on its own.
extension Math {
  /// tanh of every entry.
  static func tanh(_ buffer: UnsafeMutableBufferPointer<Double>) {
    for i in buffer.indices { buffer[i] = tanh(buffer[i]) }
  }

  /// σ of every entry.
  static func sigmoid(_ buffer: UnsafeMutableBufferPointer<Double>) {
    for i in buffer.indices { buffer[i] = sigmoid(buffer[i]) }
  }

  /// eˣ of every entry.
  static func exp(_ buffer: UnsafeMutableBufferPointer<Double>) {
    for i in buffer.indices { buffer[i] = exp(buffer[i]) }
  }
}
