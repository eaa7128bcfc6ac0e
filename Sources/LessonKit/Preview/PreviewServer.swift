import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A small HTTP server for previewing the site on 127.0.0.1 while writing lessons.
///
/// It serves the regular files of one folder (never a symbolic link, a dotfile or a path
/// outside it), answers `/__unrolled/version` with a number that grows after each
/// rebuild, and adds to each HTML page a script that asks for that number every second
/// and reloads the page when it changes. Only GET and HEAD are served, only on the
/// loopback address, and only to requests naming it (`127.0.0.1` or `localhost`) in
/// their Host header.
///
/// One thread runs an event loop over non-blocking sockets, so a slow or idle client
/// holds a descriptor but never the server; each is dropped after ``PreviewLimits``'s
/// deadlines. When `accept` fails (no descriptor left), the loop stops accepting for a
/// moment instead of spinning, and goes on serving the connections it has.
public final class PreviewServer: @unchecked Sendable {
  /// The folder served.
  public let root: URL
  /// The port asked for (0 lets the system choose; see ``listeningPort``).
  public let port: UInt16
  /// Deadlines and sizes; change only before ``start()``.
  var limits = PreviewLimits()
  /// Accepts one connection from the listening socket, like `accept`: a descriptor, or
  /// -1 with `errno` set. Replaced only by tests, before ``start()``.
  var acceptConnection: @Sendable (Int32) -> Int32 = { listener in accept(listener, nil, nil) }
  private let lock = NSLock()
  private var version = 0
  private var stopping = false
  private var boundPort: UInt16 = 0
  private var wakeWriter: Int32 = -1

  /// A server for `root` on `port` (not listening until ``start()``).
  public init(root: URL, port: UInt16) {
    self.root = root
    self.port = port
  }

  /// The port the server listens on once started.
  public var listeningPort: UInt16 {
    lock.withLock { boundPort }
  }

  /// Tells open pages to reload.
  public func bumpVersion() {
    lock.withLock { version += 1 }
  }

  private var currentVersion: Int {
    lock.withLock { version }
  }

  /// Binds 127.0.0.1:`port` and answers requests on a background thread.
  public func start() throws {
    let listener = try Self.listen(port: port)
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else {
      close(listener)
      throw SetupError("cannot open a pipe for the preview server: \(String(cString: strerror(errno)))")
    }
    let (wakeReader, writer) = (ends[0], ends[1])
    for end in ends { Self.makeNonBlocking(end) }
    var address = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    lock.withLock {
      boundPort = UInt16(bigEndian: address.sin_port)
      wakeWriter = writer
    }
    let thread = Thread { [self] in
      run(listener: listener, wake: wakeReader)
    }
    thread.name = "unrolled preview"
    thread.start()
  }

  /// Stops accepting, closes every connection and the listening socket (used by tests;
  /// `serve` runs until the process ends).
  public func stop() {
    lock.withLock {
      stopping = true
      guard wakeWriter >= 0 else { return }
      var byte: UInt8 = 1
      _ = write(wakeWriter, &byte, 1)
    }
  }

  /// A listening, non-blocking TCP socket on 127.0.0.1:`port`.
  private static func listen(port: UInt16) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SetupError("cannot open a socket: \(String(cString: strerror(errno)))") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, Glibc.listen(fd, 128) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw SetupError("cannot listen on 127.0.0.1:\(port): \(reason); try --port with another number")
    }
    return fd
  }

  /// The event loop: accept, read heads, write answers, drop clients past their deadline.
  private func run(listener: Int32, wake: Int32) {
    var connections: [Int32: PreviewConnection] = [:]
    var acceptPausedUntil = 0.0
    var toldOfPause = false
    let limits = self.limits
    while !lock.withLock({ stopping }) {
      var now = Self.now()
      let accepting = connections.count < limits.maxConnections && now >= acceptPausedUntil
      var polled = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
      if accepting { polled.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
      for (descriptor, connection) in connections {
        polled.append(pollfd(fd: descriptor, events: connection.events, revents: 0))
      }
      var wakeAt = connections.values.map(\.deadline).min() ?? now + 1
      if !accepting, acceptPausedUntil > now { wakeAt = min(wakeAt, acceptPausedUntil) }
      let timeout = Int32(max(0, min(1000, ((wakeAt - now) * 1000).rounded(.up))))
      if poll(&polled, nfds_t(polled.count), timeout) < 0, errno != EINTR {
        usleep(10_000)
        continue
      }
      now = Self.now()
      for entry in polled where entry.revents != 0 {
        if entry.fd == wake {
          var drained = [UInt8](repeating: 0, count: 64)
          _ = read(wake, &drained, drained.count)
        } else if entry.fd == listener {
          if let pause = acceptAll(listener, into: &connections, now: now, limits: limits) {
            acceptPausedUntil = now + limits.acceptBackoffSeconds
            if !toldOfPause {
              toldOfPause = true
              let message = "unrolled serve: cannot accept a connection (\(pause)); retrying every "
              FileHandle.standardError.write(Data("\(message)\(limits.acceptBackoffSeconds) s\n".utf8))
            }
          } else {
            toldOfPause = false
          }
        } else if var connection = connections[entry.fd] {
          let outcome = connection.handle(entry.revents, now: now, limits: limits) { [self] head in
            let (response, includeBody) = Self.answer(
              head: head, root: root, port: listeningPort, version: currentVersion)
            return response.bytes(includeBody: includeBody)
          }
          if case .close = outcome {
            close(entry.fd)
            connections[entry.fd] = nil
          } else {
            connections[entry.fd] = connection
          }
        }
      }
      for (descriptor, connection) in connections where connection.deadline <= now {
        close(descriptor)
        connections[descriptor] = nil
      }
    }
    for descriptor in connections.keys { close(descriptor) }
    close(listener)
    close(wake)
    lock.withLock {
      close(wakeWriter)
      wakeWriter = -1
    }
  }

  /// Accepts every waiting connection; returns why accepting must pause, if it must.
  private func acceptAll(
    _ listener: Int32, into connections: inout [Int32: PreviewConnection], now: Double, limits: PreviewLimits
  ) -> String? {
    while connections.count < limits.maxConnections {
      let client = acceptConnection(listener)
      if client >= 0 {
        Self.makeNonBlocking(client)
        connections[client] = PreviewConnection(descriptor: client, now: now, limits: limits)
        continue
      }
      let code = errno
      switch code {
      case EAGAIN, EWOULDBLOCK: return nil
      case EINTR, ECONNABORTED, EPROTO: continue
      default: return String(cString: strerror(code))
      }
    }
    return nil
  }

  /// Sets `O_NONBLOCK` and close-on-exec on `descriptor` (lessons run as child processes).
  private static func makeNonBlocking(_ descriptor: Int32) {
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    _ = fcntl(descriptor, F_SETFD, fcntl(descriptor, F_GETFD) | FD_CLOEXEC)
  }

  /// Monotonic seconds, for deadlines that do not move with the wall clock.
  private static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
