/// How long the preview server waits on each client, and how much it holds at once.
///
/// Every phase of a connection has a deadline counted from the start of that phase, not
/// from the last byte, so a client that trickles one byte at a time is dropped as surely
/// as one that sends nothing.
struct PreviewLimits: Sendable {
  /// Seconds a client has, from connecting, to send its whole request head.
  var requestSeconds = 5.0
  /// Seconds a client has to take the whole response.
  var responseSeconds = 10.0
  /// Seconds spent discarding what a client still sends after its response (a body the
  /// server refused) before closing, so the client reads the answer instead of a reset.
  var lingerSeconds = 1.0
  /// Seconds to wait before accepting again after `accept` failed (no descriptor left).
  var acceptBackoffSeconds = 0.25
  /// Connections held at once; more wait in the listen queue until one closes.
  var maxConnections = 256
  /// The longest request head read; a longer one is answered with 431.
  var maxHeadBytes = 16_384
  /// The most bytes discarded while lingering.
  var maxLingerBytes = 1 << 20
}
