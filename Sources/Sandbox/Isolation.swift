import Glibc

/// Linux namespaces for a run: a PID namespace (when its first process ends, the kernel
/// ends every process in it, however they detached), a mount namespace of init's own
/// (the whole file system read-only but a private scratch folder; the sandbox itself keeps the
/// real one, to write its report and remove its control group), and under the strict
/// profile a network namespace with nothing in it. An unprivileged user gets them
/// through a user namespace.
enum Isolation {
  /// Enters the new namespaces; `false` when the machine does not allow them.
  static func enter(strict: Bool) -> Bool {
    var flags = System.newPID
    if strict { flags |= System.newNetwork }
    let uid = getuid()
    let gid = getgid()
    if uid == 0 { return System.unshare(flags) }
    guard System.unshare(flags | System.newUser) else { return false }
    // Inside, this user is root of the namespace, and nobody else exists.
    System.write("deny", to: "/proc/self/setgroups")
    return System.write("0 \(uid) 1", to: "/proc/self/uid_map")
      && System.write("0 \(gid) 1", to: "/proc/self/gid_map")
  }

  /// Makes every mount read-only, then mounts a fresh `/proc` for the PID namespace, a
  /// private scratch folder of `scratch.bytes` in memory, each writable folder again read-write, and an
  /// empty read-only folder over each hidden one. Returns what failed, if anything did that the profile depends on.
  static func prepareFiles(scratch: (folder: String, bytes: UInt64)?, writable: [String], hidden: [String]) -> String? {
    guard System.unshare(System.newNamespace) else {
      return "cannot make a mount namespace (\(String(cString: strerror(errno))))"
    }
    guard mount("none", "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else {
      return "cannot make the mounts private (\(String(cString: strerror(errno))))"
    }
    var rootIsReadOnly = false
    for (point, options) in mounts() {
      let kept = options.reduce(into: UInt(MS_BIND | MS_REMOUNT | MS_RDONLY)) { flags, option in
        switch option {
        case "nosuid": flags |= UInt(MS_NOSUID)
        case "nodev": flags |= UInt(MS_NODEV)
        case "noexec": flags |= UInt(MS_NOEXEC)
        case "noatime": flags |= UInt(MS_NOATIME)
        case "nodiratime": flags |= UInt(MS_NODIRATIME)
        case "relatime": flags |= UInt(MS_RELATIME)
        default: break
        }
      }
      if mount("none", point, nil, kept, nil) == 0, point == "/" { rootIsReadOnly = true }
    }
    guard rootIsReadOnly else { return "cannot make the file system read-only" }
    mount("proc", "/proc", "proc", UInt(MS_NOSUID | MS_NODEV | MS_NOEXEC), nil)
    if let scratch {
      guard
        mount(
          "tmpfs", scratch.folder, "tmpfs", UInt(MS_NOSUID | MS_NODEV), "size=\(max(scratch.bytes, 4096)),mode=1777")
          == 0
      else { return "cannot mount the scratch folder (\(String(cString: strerror(errno))))" }
    }
    for folder in writable {
      guard mount(folder, folder, nil, UInt(MS_BIND), nil) == 0,
        mount("none", folder, nil, UInt(MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV), nil) == 0
      else { return "cannot make \(folder) writable (\(String(cString: strerror(errno))))" }
    }
    for folder in hidden {
      if mount("tmpfs", folder, "tmpfs", UInt(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC), "size=4096,mode=755") != 0
      {
        // A folder that is gone (another run's, removed as this one started) holds
        // nothing to hide.
        if errno == ENOENT { continue }
        return "cannot hide \(folder) (\(String(cString: strerror(errno))))"
      }
    }
    return nil
  }

  /// The mount points and their options, from `/proc/self/mountinfo`.
  private static func mounts() -> [(String, [Substring])] {
    (System.read("/proc/self/mountinfo") ?? "").split(separator: "\n").compactMap { line in
      let fields = line.split(separator: " ")
      guard fields.count > 5 else { return nil }
      return (unescape(fields[4]), fields[5].split(separator: ","))
    }
  }

  /// Mount points escape space, tab, newline and backslash as `\ooo`.
  private static func unescape(_ field: Substring) -> String {
    var bytes: [UInt8] = []
    var rest = Array(field.utf8)[...]
    while let byte = rest.popFirst() {
      if byte == UInt8(ascii: "\\"), rest.count >= 3,
        let value = UInt8(String(decoding: rest.prefix(3), as: UTF8.self), radix: 8)
      {
        bytes.append(value)
        rest = rest.dropFirst(3)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
