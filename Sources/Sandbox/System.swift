import Glibc

/// The Linux calls Swift's Glibc module does not import (they are variadic, or declared
/// only under `_GNU_SOURCE`), reached through `dlsym` with their real argument types.
enum System {
  private typealias Unshare = @convention(c) (Int32) -> Int32
  private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32

  private static func symbol<T>(_ name: String, as type: T.Type) -> T {
    guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
      fatalError("the C library has no \(name)")
    }
    return unsafeBitCast(pointer, to: type)
  }

  /// `unshare(2)`: moves this process into new namespaces.
  static func unshare(_ flags: Int32) -> Bool { symbol("unshare", as: Unshare.self)(flags) == 0 }

  /// `prctl(2)` with integer arguments.
  @discardableResult
  static func prctl(_ option: Int32, _ argument: UInt) -> Int32 {
    symbol("prctl", as: Prctl.self)(option, argument, 0, 0, 0)
  }

  // Constants from <linux/sched.h>, <linux/prctl.h> and <sys/resource.h>; the same on
  // every Linux architecture Swift runs on.
  static let newNamespace: Int32 = 0x0002_0000
  static let newUser: Int32 = 0x1000_0000
  static let newPID: Int32 = 0x2000_0000
  static let newNetwork: Int32 = 0x4000_0000
  static let setParentDeathSignal: Int32 = 1
  static let setChildSubreaper: Int32 = 36
  static let limitFileSize: Int32 = 1
  static let limitCore: Int32 = 4
  static let limitProcesses: Int32 = 6
  static let limitAddressSpace: Int32 = 9

  /// Sets a resource limit, soft and hard alike, so the program cannot raise it.
  static func limit(_ resource: Int32, _ value: UInt64) {
    var limit = rlimit(rlim_cur: rlim_t(value), rlim_max: rlim_t(value))
    setrlimit(__rlimit_resource_t(resource), &limit)
  }

  /// Writes `text` to an existing file (a cgroup or `/proc` control file).
  @discardableResult
  static func write(_ text: String, to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
  }

  /// The contents of a small file, or `nil`.
  static func read(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Prints a line on standard error, which the runner shows under the cell.
  static func complain(_ message: String) {
    let line = Array("unrolled-sandbox: \(message)\n".utf8)
    _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
  }
}
