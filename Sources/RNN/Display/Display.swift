/// Something a lesson cell can show as a picture or a table, not as text.
///
/// A displayable renders itself as a fragment of HTML (an inline `<svg>` or a
/// `<table>`) whose bytes depend only on its data, so two builds of a page are the
/// same. ``show(_:)`` sends it to the page, under the cell, in order with what the cell
/// prints.
public protocol Displayable {
  /// The fragment of HTML the page shows.
  var html: String { get }
  /// One line that stands for the display in plain text, where no picture can be shown.
  var summary: String { get }
}

/// Where ``show(_:)`` sends its displays.
///
/// The lesson engine sets ``send`` before the first cell runs, to a function that
/// writes each display on the engine's rich-output channel. When nothing is set (a
/// program run on its own, a test), ``show(_:)`` prints the display's summary instead.
public enum DisplayChannel {
  /// Receives each display's HTML and its one-line summary; `nil` outside the lesson
  /// engine.
  nonisolated(unsafe) public static var send: ((_ html: String, _ summary: String) -> Void)?
}

/// Shows `item` under the running cell: a chart, a heat map or a table.
public func show(_ item: some Displayable) {
  if let send = DisplayChannel.send {
    send(item.html, item.summary)
  } else {
    print(item.summary)
  }
}
