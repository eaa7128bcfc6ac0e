extension Diagrams {
  /// Backpropagation through time over three steps, in lesson 3's symbols: forward,
  /// x_t → z_t → h_t → y_t → L_t and h_t → z_{t+1} through the shared w_hh; the gradient,
  /// dashed, from each L_t down into h_t and from z_{t+1} back into h_t, the term from
  /// step t+1.
  public static func bpttGradientPaths() -> String {
    var d = Diagram(
      width: 740, height: 370, title: "Backpropagation through time: the paths the gradient takes",
      description:
        "Three steps side by side. Forward, each input x_t makes z_t, then h_t, then the"
        + " output y_t and its loss L_t, and h_t also feeds z_t+1 through w_hh. The gradient,"
        + " drawn dashed, runs the other way: from each loss L_t down through y_t into h_t,"
        + " and from z_t+1 of the next step back into h_t, the term from step t+1; the two"
        + " add up in h_t before it passes into z_t.")
    for t in 1...3 {
      let x = 140 + 200 * Double(t - 1)
      d.text(x, 46, "L_{\(t)}")
      d.circle(x, 110, r: 22, "y_{\(t)}", shape: "node", textClass: "m")
      d.circle(x, 190, r: 22, "h_{\(t)}", shape: "node", textClass: "m")
      d.circle(x, 270, r: 22, "z_{\(t)}", shape: "node", textClass: "m")
      d.text(x, 351, "x_{\(t)}")
      // Forward, up the left side of the step.
      d.arrow(x - 8, 331, x - 8, 292)
      d.arrow(x - 8, 248, x - 8, 212)
      d.arrow(x - 8, 168, x - 8, 132)
      d.arrow(x - 8, 88, x - 8, 50)
      // The gradient, down the right side.
      d.arrow(x + 8, 50, x + 8, 88, "g")
      d.arrow(x + 8, 132, x + 8, 168, "g")
      d.arrow(x + 8, 212, x + 8, 248, "g")
      if t < 3 {
        // h_t → z_{t+1} through w_hh, and the gradient's way back.
        d.arrow(x + 22, 196, x + 178, 264, "w")
        d.arrow(x + 176, 278, x + 24, 206, "g")
        d.text(x + 120, 304, "from step t+1", "s g")
      }
    }
    d.text(62, 196, "state", "s", anchor: "end")
    d.text(650, 60, "forward", "s", anchor: "start")
    d.arrow(650, 75, 710, 75)
    d.text(650, 110, "gradient", "s g", anchor: "start")
    d.arrow(710, 125, 650, 125, "g")
    d.text(650, 165, "shared w_{hh}", "s w", anchor: "start")
    return d.svg
  }
}
