/// The lesson program's private channel to the runner: both sides of it, the records
/// the program writes (as Swift source the program is built with) and their decoder.
///
/// Cell boundaries and displays cannot travel on standard output, where a lesson's own
/// `print` could forge them. The sandbox opens the channel file as descriptor 3 and
/// says so in `UNROLLED_CHANNEL_FD`, which the program reads and removes from its
/// environment. A record is a header line, `KIND CELL OUT ERR` (`end OUT ERR`), where
/// OUT and ERR are the byte offsets reached on standard output and standard error; a
/// display's header adds the byte sizes of its HTML and its summary, which follow it; a
/// check's header adds 1 or 0 (passed or not) and the byte sizes of its name and its
/// message, which follow it.
enum Channel {
  /// One record.
  struct Record: Equatable {
    /// `cell` (a cell starts), `end` (the program finished), `survived` (a `fails`
    /// cell finished without an error), `display` or `check`.
    var kind: String
    /// The cell's index (-1 for `end`).
    var cell: Int
    /// Bytes written to standard output and standard error before the record.
    var out: Int
    var err: Int
    /// A display's HTML and the line that stands for it in text.
    var html = ""
    var summary = ""
    /// A check's name, whether it passed, and its message.
    var check: (name: String, passed: Bool, message: String)?

    static func == (a: Record, b: Record) -> Bool {
      a.kind == b.kind && a.cell == b.cell && a.out == b.out && a.err == b.err && a.html == b.html
        && a.summary == b.summary && a.check?.name == b.check?.name && a.check?.passed == b.check?.passed
        && a.check?.message == b.check?.message
    }
  }

  /// The records in `data`. Anything malformed (a program killed mid-write) ends the
  /// list.
  static func records(in data: [UInt8]) -> [Record] {
    var records: [Record] = []
    var position = 0
    while position < data.count, let newline = data[position...].firstIndex(of: UInt8(ascii: "\n")) {
      let parts = String(decoding: data[position..<newline], as: UTF8.self).split(separator: " ")
      position = newline + 1
      let numbers = parts.dropFirst().map { Int($0) }
      guard let kind = parts.first.map(String.init), !numbers.contains(nil) else { break }
      let n = numbers.map { $0! }
      switch (kind, n.count) {
      case ("end", 2): records.append(Record(kind: kind, cell: -1, out: n[0], err: n[1]))
      case ("cell", 3), ("survived", 3): records.append(Record(kind: kind, cell: n[0], out: n[1], err: n[2]))
      case ("display", 5):
        let (htmlSize, summarySize) = (n[3], n[4])
        guard htmlSize >= 0, summarySize >= 0, htmlSize <= data.count - position,
          summarySize <= data.count - position - htmlSize
        else { return records }
        let html = String(decoding: data[position..<(position + htmlSize)], as: UTF8.self)
        let summary = String(
          decoding: data[(position + htmlSize)..<(position + htmlSize + summarySize)], as: UTF8.self)
        position += htmlSize + summarySize
        records.append(Record(kind: kind, cell: n[0], out: n[1], err: n[2], html: html, summary: summary))
      case ("check", 6):
        let (passed, nameSize, messageSize) = (n[3], n[4], n[5])
        guard passed == 0 || passed == 1, nameSize >= 0, messageSize >= 0, nameSize <= data.count - position,
          messageSize <= data.count - position - nameSize
        else { return records }
        let name = String(decoding: data[position..<(position + nameSize)], as: UTF8.self)
        let message = String(
          decoding: data[(position + nameSize)..<(position + nameSize + messageSize)], as: UTF8.self)
        position += nameSize + messageSize
        records.append(
          Record(kind: kind, cell: n[0], out: n[1], err: n[2], check: (name, passed == 1, message)))
      default:
        return records
      }
    }
    return records
  }

  /// The writing side, compiled into every lesson program: `__UnrolledChannel.mark`
  /// and `__UnrolledChannel.display` write the records `records(in:)` reads.
  static let programSide = """
    enum __UnrolledChannel {
      nonisolated(unsafe) static var descriptor: Int32 = -1

      static func open() {
        if let fd = getenv("UNROLLED_CHANNEL_FD").flatMap({ Int32(String(cString: $0)) }) { descriptor = fd }
        unsetenv("UNROLLED_CHANNEL_FD")
      }

      static func offsets() -> String {
        fflush(stdout)
        fflush(stderr)
        return "\\(lseek(1, 0, SEEK_CUR)) \\(lseek(2, 0, SEEK_CUR))"
      }

      static func send(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
          let count = bytes[done...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
          if count <= 0 { return }
          done += count
        }
      }

      static func mark(_ kind: String, _ cell: Int?) {
        send(Array("\\(kind)\\(cell.map { " \\($0)" } ?? "") \\(offsets())\\n".utf8))
      }

      static func check(_ cell: Int, _ name: String, _ passed: Bool, _ message: String) {
        let header = "check \\(cell) \\(offsets()) \\(passed ? 1 : 0) \\(name.utf8.count) \\(message.utf8.count)\\n"
        send(Array((header + name + message).utf8))
      }

      static func display(_ cell: Int, _ html: String, _ summary: String) {
        let header = "display \\(cell) \\(offsets()) \\(html.utf8.count) \\(summary.utf8.count)\\n"
        send(Array((header + html + summary).utf8))
      }
    }

    """
}
