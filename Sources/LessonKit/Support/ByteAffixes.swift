/// `html` without `prefix` if it starts with it, compared by bytes rather than by
/// characters: in `<p>\u{301}x` the combining mark makes `>\u{301}` one character, so
/// `hasPrefix("<p>")` is false and `dropFirst(3)` would drop the mark too.
func droppingPrefix(_ prefix: String, of html: String) -> String {
  guard html.utf8.starts(with: prefix.utf8) else { return html }
  return String(decoding: html.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
}

/// `html` without `suffix` if it ends with it, compared by bytes (see
/// ``droppingPrefix(_:of:)``).
func droppingSuffix(_ suffix: String, of html: String) -> String {
  guard html.utf8.reversed().starts(with: suffix.utf8.reversed()) else { return html }
  return String(decoding: html.utf8.dropLast(suffix.utf8.count), as: UTF8.self)
}
