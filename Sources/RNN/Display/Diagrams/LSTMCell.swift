extension Diagrams {
  /// An LSTM cell with its four gates, in the symbols of lesson 11's equations:
  /// 𝐟_t, 𝐢_t, 𝐨_t, the candidate 𝐜̃_t, the cell 𝐜_{t−1} → 𝐜_t, and 𝐡_{t−1}, 𝐱_t → 𝐡_t.
  public static func lstmCell() -> String {
    var d = Diagram(
      width: 720, height: 350, title: "An LSTM cell with its gates",
      description:
        "The previous cell c_t−1 runs along the top: it is multiplied element by element by"
        + " the forget gate f_t, then the input gate i_t times the candidate c̃_t is added,"
        + " giving the new cell c_t. The four boxes, forget gate f_t (σ), input gate i_t (σ),"
        + " candidate c̃_t (tanh) and output gate o_t (σ), each read h_t−1 and x_t. The new"
        + " state h_t is o_t times tanh(c_t).")
    d.text(360, 22, "the cell line: scaled by the forget gate, plus the gated candidate", "s")
    // The cell line.
    d.text(30, 66, "𝐜_{t−1}", anchor: "start")
    d.arrow(70, 60, 208, 60)
    d.circle(230, 60, r: 20, "⊙")
    d.arrow(252, 60, 388, 60)
    d.circle(410, 60, r: 20, "+")
    d.arrow(432, 60, 640, 60)
    d.text(650, 66, "𝐜_t", anchor: "start")
    // The gates.
    let gates: [(x: Double, f: String, name: String)] = [
      (160, "σ", "forget gate"), (290, "σ", "input gate"), (390, "tanh", "candidate"),
      (520, "σ", "output gate"),
    ]
    for gate in gates {
      d.box(gate.x, 230, w: 64, h: 40, gate.f)
      d.text(gate.x, 272, gate.name, "s")
    }
    // Their inputs, 𝐡_{t−1} and 𝐱_t.
    d.line(60, 300, 560, 300)
    d.text(30, 306, "𝐡_{t−1}", anchor: "start")
    d.text(30, 336, "𝐱_t", anchor: "start")
    d.line(60, 330, 100, 330)
    d.line(100, 330, 100, 300)
    for gate in gates { d.arrow(gate.x, 298, gate.x, 251) }
    // 𝐟_t ⊙ 𝐜_{t−1}.
    d.line(160, 210, 160, 100)
    d.arrow(160, 100, 214, 74)
    d.text(178, 130, "𝐟_t", anchor: "start")
    // 𝐢_t ⊙ 𝐜̃_t, added to the cell.
    d.circle(340, 140, r: 20, "⊙")
    d.arrow(290, 210, 326, 154)
    d.arrow(390, 210, 354, 154)
    d.arrow(352, 124, 398, 78)
    d.text(262, 180, "𝐢_t", anchor: "end")
    d.text(404, 180, "𝐜̃_t", anchor: "start")
    // 𝐡_t = 𝐨_t ⊙ tanh(𝐜_t).
    d.arrow(600, 60, 600, 118)
    d.box(600, 140, w: 64, h: 36, "tanh", shape: "op")
    d.circle(600, 210, r: 20, "⊙")
    d.arrow(600, 158, 600, 188)
    d.arrow(552, 230, 578, 216)
    d.text(548, 196, "𝐨_t", anchor: "end")
    d.arrow(620, 210, 660, 210)
    d.text(668, 216, "𝐡_t", anchor: "start")
    return d.svg
  }
}
