import Glibc

/// A control group of the run's own, where the machine lets us make one: it caps the
/// memory and the number of processes of the program and every child together, and
/// counts the times the kernel killed one of them for memory.
///
/// Version 1 hierarchies (a `memory` and a `pids` controller, each mounted on its own)
/// and the unified version 2 hierarchy are both tried; where neither can be written
/// (an unprivileged user without a delegated group), `nil`, and the caller falls back
/// to per-process resource limits.
struct ControlGroup {
  /// The folders made for this run, with the control files inside them.
  private(set) var folders: [String] = []
  /// The folder whose files count memory kills (`memory.oom_control` or `memory.events`).
  private var memoryFolder = ""
  private var unified = false

  /// Makes the group and sets its limits; `nil` when memory cannot be limited this way.
  static func make(name: String, memory: UInt64, processes: UInt64) -> ControlGroup? {
    let memberships = (System.read("/proc/self/cgroup") ?? "").split(separator: "\n")
    var group = ControlGroup()
    for line in memberships {
      let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count == 3 else { continue }
      let controllers = parts[1].split(separator: ",")
      let path = String(parts[2])
      if controllers.contains("memory"), memory > 0 {
        let folder = "/sys/fs/cgroup/memory\(path == "/" ? "" : path)/\(name)"
        guard mkdir(folder, 0o755) == 0 else { return group.removing() }
        group.folders.append(folder)
        guard System.write("\(memory)", to: "\(folder)/memory.limit_in_bytes") else { return group.removing() }
        System.write("\(memory)", to: "\(folder)/memory.memsw.limit_in_bytes")  // absent without swap
        group.memoryFolder = folder
      } else if controllers.contains("pids"), processes > 0 {
        let folder = "/sys/fs/cgroup/pids\(path == "/" ? "" : path)/\(name)"
        if mkdir(folder, 0o755) == 0 {
          group.folders.append(folder)
          System.write("\(processes)", to: "\(folder)/pids.max")
        }
      }
    }
    if !group.memoryFolder.isEmpty || (memory == 0 && !group.folders.isEmpty) { return group }
    // The unified hierarchy, where this process's group has the controllers delegated.
    guard let line = memberships.first(where: { $0.hasPrefix("0::") }),
      access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0
    else { return group.removing() }
    let path = String(line.dropFirst(3))
    let folder = "/sys/fs/cgroup\(path == "/" ? "" : path)/\(name)"
    guard mkdir(folder, 0o755) == 0 else { return group.removing() }
    group.folders.append(folder)
    group.unified = true
    if memory > 0 {
      guard System.write("\(memory)", to: "\(folder)/memory.max") else { return group.removing() }
      System.write("0", to: "\(folder)/memory.swap.max")
    }
    if processes > 0 { System.write("\(processes)", to: "\(folder)/pids.max") }
    group.memoryFolder = folder
    return group
  }

  /// Puts a process (and so everything it starts) into the group.
  func add(_ pid: pid_t) {
    for folder in folders {
      System.write("\(pid)", to: "\(folder)/\(unified ? "cgroup.procs" : "tasks")")
    }
  }

  /// Whether the kernel killed a process of the group for passing its memory limit.
  var killedForMemory: Bool {
    guard !memoryFolder.isEmpty else { return false }
    let file = unified ? "memory.events" : "memory.oom_control"
    for line in (System.read("\(memoryFolder)/\(file)") ?? "").split(separator: "\n")
    where line.hasPrefix("oom_kill ") {
      return Int(line.dropFirst("oom_kill ".count)) ?? 0 > 0
    }
    return false
  }

  /// Removes the folders once their processes are gone (retrying while the kernel
  /// finishes tearing them down).
  func remove() {
    for folder in folders.reversed() {
      for _ in 0..<200 where rmdir(folder) != 0 && errno == EBUSY {
        usleep(5000)
      }
    }
  }

  private func removing() -> ControlGroup? {
    remove()
    return nil
  }
}
