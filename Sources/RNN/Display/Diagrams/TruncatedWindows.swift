extension Diagrams {
  /// Truncated BPTT, as lesson 8 explains it: a sequence of `length` steps cut into
  /// windows of `window` steps. The state is carried forward across every boundary; the
  /// gradient, dashed, runs back only inside its window and stops at the window's first
  /// step.
  public static func truncatedWindows(length: Int = 12, window: Int = 4) -> String {
    let length = max(1, length)
    let window = min(max(1, window), length)
    let pitch = 56.0
    let left = 40.0
    let width = left * 2 + pitch * Double(length)
    let count = (length + window - 1) / window
    let ranges = (0..<count).map { k in
      (first: k * window + 1, last: min(length, (k + 1) * window))
    }
    var d = Diagram(
      width: width, height: 250,
      title: "Truncated BPTT: the sequence in windows of \(window) steps",
      description:
        "A sequence of \(length) steps, h_1 to h_\(length), cut into \(count) windows of"
        + " k = \(window) steps: "
        + ranges.map { "h_\($0.first) to h_\($0.last)" }.joined(separator: ", ")
        + ". Forward, every state feeds the next one, across the windows' boundaries too:"
        + " the state at the end of one window is the starting state of the next. The"
        + " gradient, drawn dashed, runs back only inside its own window and stops at the"
        + " window's first step, so each window backpropagates on its own and the weights can"
        + " be updated after each.")
    d.text(width / 2, 24, "forward: the state is carried; backward: each window stops at its start", "s")
    func x(_ t: Int) -> Double { left + pitch * (Double(t) - 0.5) }
    for (k, range) in ranges.enumerated() {
      let x0 = x(range.first) - pitch / 2 + 3
      let x1 = x(range.last) + pitch / 2 - 3
      d.rect(x0, 50, w: x1 - x0, h: 150, "window")
      d.text((x0 + x1) / 2, 222, "window \(k + 1)", "s")
      d.text(x(range.first), 176, "stop", "s g")
      // The gradient, back from the window's last step to its first, and no further.
      for t in stride(from: range.last, to: range.first, by: -1) {
        d.arrow(x(t) - 4, 150, x(t - 1) + 4, 150, "g")
      }
    }
    for t in 1...length {
      d.circle(x(t), 110, r: 18, "h_{\(t)}", shape: "node", textClass: "m")
      if t < length { d.arrow(x(t) + 19, 110, x(t + 1) - 19, 110) }
    }
    return d.svg
  }
}
