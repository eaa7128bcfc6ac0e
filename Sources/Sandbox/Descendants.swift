import Glibc

/// Every process below this one, found through `/proc`: where there is no PID namespace
/// to end them all at once, the sandbox makes itself a child subreaper (so orphans,
/// however they detached, become its children) and ends them this way.
enum Descendants {
  /// Kills every descendant of this process and reaps them, repeating until none is
  /// left (a process may fork while the others are being killed).
  static func killAll() {
    let me = getpid()
    for _ in 0..<1000 {
      let found = list(below: me)
      var status: Int32 = 0
      while waitpid(-1, &status, WNOHANG) > 0 {}
      if found.isEmpty { return }
      for pid in found { kill(pid, SIGKILL) }
      usleep(1000)
    }
  }

  /// The processes whose chain of parents reaches `root`.
  static func list(below root: pid_t) -> [pid_t] {
    guard let directory = opendir("/proc") else { return [] }
    defer { closedir(directory) }
    var parents: [pid_t: pid_t] = [:]
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      guard let pid = pid_t(name), let stat = System.read("/proc/\(pid)/stat") else { continue }
      // "pid (command) state ppid …": the command may hold spaces and parentheses.
      guard let close = stat.lastIndex(of: ")") else { continue }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      if fields.count > 1, let parent = pid_t(fields[1]) { parents[pid] = parent }
    }
    return parents.keys.filter { pid in
      var current = pid
      for _ in 0..<4096 {
        guard let parent = parents[current] else { return false }
        if parent == root { return true }
        current = parent
      }
      return false
    }
  }
}
