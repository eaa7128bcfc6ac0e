// Draws the course's figures into Lessons/figures/, one SVG file per figure, from the
// RNN library's `Diagrams`. Run from anywhere: `swift run draw-figures`.
// `DiagramTests` fails when a committed file is not what this would write.

import Foundation
import RNN

let figures = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Lessons/figures")
try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
for figure in Diagrams.figures {
  let file = figures.appendingPathComponent(figure.name)
  try Data(figure.svg.utf8).write(to: file)
  print("wrote \(file.path)")
}
