import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One client of the preview server, driven by its event loop without ever blocking.
///
/// A connection reads its request head, then writes the whole answer, then discards what
/// the client still sends (a refused body) until the client closes or a short linger
/// ends. Each phase has a deadline; the loop closes the connection once it passes.
struct PreviewConnection {
  /// Where the connection is in its life.
  enum Phase {
    /// Reading the request head.
    case reading
    /// Writing the answer.
    case writing
    /// Answer sent and our side shut: discarding the client's leftovers.
    case lingering
  }

  /// What the loop should do after an event.
  enum Outcome {
    /// Keep polling the connection.
    case keep
    /// Close it.
    case close
  }

  /// The socket (non-blocking).
  let descriptor: Int32
  /// The current phase.
  private(set) var phase = Phase.reading
  /// When the current phase must be over (monotonic seconds).
  private(set) var deadline: Double
  private var input: [UInt8] = []
  private var output: [UInt8] = []
  private var sent = 0
  private var discarded = 0

  /// A connection on `descriptor`, accepted at `now`.
  init(descriptor: Int32, now: Double, limits: PreviewLimits) {
    self.descriptor = descriptor
    deadline = now + limits.requestSeconds
  }

  /// The poll events the connection waits for.
  var events: Int16 { Int16(phase == .writing ? POLLOUT : POLLIN) }

  /// Handles the poll result `revents`; `answer` turns a complete head into the bytes to send.
  mutating func handle(
    _ revents: Int16, now: Double, limits: PreviewLimits, answer: ([UInt8]) -> [UInt8]
  ) -> Outcome {
    if revents & Int16(POLLERR | POLLNVAL) != 0 { return .close }
    switch phase {
    case .reading: return read(now: now, limits: limits, answer: answer)
    case .writing: return revents & Int16(POLLHUP) != 0 ? .close : write(now: now, limits: limits)
    case .lingering: return discard(limits: limits)
    }
  }

  private mutating func read(now: Double, limits: PreviewLimits, answer: ([UInt8]) -> [UInt8]) -> Outcome {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = recv(descriptor, &buffer, min(buffer.count, limits.maxHeadBytes - input.count), 0)
    if count == 0 { return .close }
    if count < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .keep : .close }
    let searchFrom = max(0, input.count - 3)
    input += buffer[0..<count]
    if let end = Self.endOfHead(in: input, from: searchFrom) {
      output = answer(Array(input[..<end]))
    } else if input.count >= limits.maxHeadBytes {
      output = PreviewResponse.text("431 Request Header Fields Too Large", "request head too long").bytes(
        includeBody: true)
    } else {
      return .keep
    }
    input = []
    phase = .writing
    deadline = now + limits.responseSeconds
    return write(now: now, limits: limits)
  }

  private mutating func write(now: Double, limits: PreviewLimits) -> Outcome {
    while sent < output.count {
      let count = output.withUnsafeBytes {
        send(descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
      }
      if count < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .keep : .close }
      sent += count
    }
    output = []
    shutdown(descriptor, Int32(SHUT_WR))
    phase = .lingering
    deadline = now + limits.lingerSeconds
    return .keep
  }

  private mutating func discard(limits: PreviewLimits) -> Outcome {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count == 0 { return .close }
      if count < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .keep : .close }
      discarded += count
      if discarded > limits.maxLingerBytes { return .close }
    }
  }

  /// The index just past the blank line ending a head (CRLF CRLF, or LF LF), searching
  /// from `start`.
  static func endOfHead(in bytes: [UInt8], from start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      if bytes[index] == 10 {
        if index >= 1, bytes[index - 1] == 10 { return index + 1 }
        if index >= 3, bytes[index - 1] == 13, bytes[index - 2] == 10 { return index + 1 }
      }
      index += 1
    }
    return nil
  }
}
