extension Diagrams {
  /// A GRU cell with its two gates, in the symbols of lesson 12's equations: 𝐳_t, 𝐫_t,
  /// the candidate 𝐡̂_t, and 𝐡_{t−1}, 𝐱_t → 𝐡_t = 𝐳_t ⊙ 𝐡_{t−1} + (1 − 𝐳_t) ⊙ 𝐡̂_t.
  public static func gruCell() -> String {
    var d = Diagram(
      width: 700, height: 380, title: "A GRU cell with its gates",
      description:
        "The previous state h_t−1 runs along the top and is multiplied element by element by"
        + " the update gate z_t. The reset gate r_t multiplies h_t−1 before the candidate ĥ_t"
        + " (tanh) reads it together with x_t. One minus z_t multiplies the candidate, and the"
        + " two products add up to the new state h_t. Both gates (σ) read h_t−1 and x_t.")
    d.text(330, 22, "the new state: a gated average of the old state and the candidate", "s")
    // The state line: 𝐳_t ⊙ 𝐡_{t−1} + ….
    d.text(20, 66, "𝐡_{t−1}", anchor: "start")
    d.arrow(70, 60, 238, 60)
    d.circle(260, 60, r: 20, "⊙")
    d.arrow(282, 60, 428, 60)
    d.circle(450, 60, r: 20, "+")
    d.arrow(472, 60, 620, 60)
    d.text(630, 66, "𝐡_t", anchor: "start")
    // The gates and the candidate.
    d.box(170, 250, w: 64, h: 40, "σ")
    d.text(170, 292, "update gate", "s")
    d.box(320, 250, w: 64, h: 40, "σ")
    d.text(320, 292, "reset gate", "s")
    d.box(480, 250, w: 64, h: 40, "tanh")
    d.text(480, 292, "candidate", "s")
    // The gates' inputs.
    d.line(70, 320, 420, 320)
    d.text(20, 326, "𝐡_{t−1}", anchor: "start")
    d.text(20, 356, "𝐱_t", anchor: "start")
    d.line(70, 350, 110, 350)
    d.line(110, 350, 110, 320)
    d.arrow(170, 318, 170, 271)
    d.arrow(320, 318, 320, 271)
    // 𝐳_t to the state line, and to 1 − 𝐳_t.
    d.arrow(170, 230, 246, 76)
    d.text(196, 150, "𝐳_t", anchor: "end")
    d.box(360, 140, w: 56, h: 30, "1−", shape: "op")
    d.arrow(190, 230, 334, 152)
    // (1 − 𝐳_t) ⊙ 𝐡̂_t, added to the state line.
    d.circle(450, 150, r: 20, "⊙")
    d.arrow(388, 142, 428, 148)
    d.arrow(450, 128, 450, 82)
    // 𝐫_t ⊙ 𝐡_{t−1} into the candidate.
    d.circle(400, 250, r: 18, "⊙")
    d.arrow(352, 250, 380, 250)
    d.text(366, 238, "𝐫_t")
    d.line(400, 320, 400, 270)
    d.line(420, 320, 400, 320)
    d.arrow(418, 250, 446, 250)
    d.text(520, 350, "𝐱_t also enters the candidate", "s")
    d.arrow(480, 230, 462, 168)
    d.text(500, 200, "𝐡̂_t", anchor: "start")
    return d.svg
  }
}
