extension Diagrams {
  /// The recurrence folded (𝐡_t feeding back into itself through w_hh) and unrolled over
  /// `steps` steps, h_0 → h_1 → … → h_steps, every link through the same w_hh and every
  /// input through the same w_xh, the shared weights in their own colour.
  public static func rnnUnrolled(steps: Int = 3) -> String {
    let steps = max(1, steps)
    let pitch = 120.0
    let width = 260 + pitch * Double(steps) + 110
    let inputs = (1...steps).map { "x_\($0)" }.joined(separator: ", ")
    var d = Diagram(
      width: width, height: 210, title: "The recurrence folded and unrolled over time",
      description:
        "Left, the folded network: the state h_t feeds back into itself through the weight"
        + " w_hh, and the input x_t enters through w_xh. Right, the same network unrolled over"
        + " \(steps) step\(steps == 1 ? "" : "s"): "
        + (1...steps).map { "h_\($0 - 1) goes to h_\($0)" }.joined(separator: ", ")
        + ", each link through the same weight w_hh, and each input \(inputs) enters its step"
        + " through the same weight w_xh.")
    // Folded.
    d.text(70, 24, "folded", "s")
    d.circle(70, 100, r: 26, "h_t", shape: "node", textClass: "m")
    d.arrow(70, 178, 70, 128)
    d.text(70, 196, "x_t")
    d.text(84, 158, "w_{xh}", anchor: "start")
    d.raw("<path d=\"M90,82 C130,40 130,150 94,116\" class=\"line w\" fill=\"none\"/>")
    d.raw("<path d=\"M94,116 l3,-10 l6,7 z\" class=\"head w\"/>")
    d.text(128, 100, "w_{hh}", "m w", anchor: "start")
    d.text(190, 106, "=")
    // Unrolled.
    d.text((260 + width - 40) / 2, 24, "unrolled over time: the same weights at every step", "s")
    d.circle(260, 100, r: 24, "h_0", shape: "node", textClass: "m")
    for t in 1...steps {
      let x = 260 + pitch * Double(t)
      d.circle(x, 100, r: 26, "h_{\(t)}", shape: "node", textClass: "m")
      d.arrow(x - pitch + 27, 100, x - 28, 100, "w")
      d.text(x - pitch / 2, 90, "w_{hh}", "m w")
      d.arrow(x, 178, x, 128)
      d.text(x, 196, "x_{\(t)}")
      d.text(x + 12, 160, "w_{xh}", anchor: "start")
    }
    let last = 260 + pitch * Double(steps)
    d.arrow(last + 28, 100, last + 70, 100, "w")
    d.text(last + 92, 106, "…")
    return d.svg
  }
}
