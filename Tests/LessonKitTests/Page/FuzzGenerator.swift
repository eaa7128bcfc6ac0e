import Foundation

/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so a
/// fuzz case can be made again from its number.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random lessons for the fuzz test: prose, lists, tables, quotes, code of other
/// languages, raw HTML, math, links and images, with hostile characters everywhere.
/// There are never Swift cells, so nothing is run.
///
/// Raw HTML it writes carries a `data-fuzz-leak` attribute or is a `<fuzz-leak>`
/// element, which ``PageChecker`` rejects (neither is on its lists): so raw HTML that
/// reached a page is caught even when its element is one the renderer uses.
struct FuzzGenerator {
  private var random: SplitMix64

  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  /// A lesson's file name (without `.md`) and text.
  mutating func lesson() -> (slug: String, text: String) {
    let slug = (0..<int(1...3)).map { _ in pick(Self.slugPieces) }.joined()
    var blocks: [String] = []
    if chance(0.8) { blocks.append("# " + inline()) }
    for _ in 0..<int(1...10) { blocks.append(block(depth: 0)) }
    let separator = pick(["\n\n", "\n\n", "\n\n", "\n", "\r\n\r\n", "\r\r", "\n\n\n"])
    var text = blocks.joined(separator: separator)
    if chance(0.5) { text += "\n" }
    return (slug, text)
  }

  // MARK: - Blocks

  private mutating func block(depth: Int) -> String {
    let nested = depth < 3
    switch int(0...13) {
    case 0: return String(repeating: "#", count: int(1...7)) + " " + inline()
    case 1, 2: return (0..<int(1...3)).map { _ in inline() }.joined(separator: "\n")
    case 3 where nested:
      let marker = pick(["- ", "* ", "1. ", "2) ", "- [ ] ", "- [x] "])
      return (0..<int(1...4)).map { _ in
        marker + (chance(0.3) ? block(depth: depth + 1).replacingNewlines(with: "\n   ") : inline())
      }.joined(separator: "\n")
    case 4 where nested:
      return block(depth: depth + 1).split(separator: "\n", omittingEmptySubsequences: false)
        .map { "> " + $0 }.joined(separator: "\n")
    case 5: return table()
    case 6, 7: return fence()
    case 8: return "    " + (0..<int(1...3)).map { _ in code() }.joined(separator: "\n    ")
    case 9: return pick(Self.rawHTMLBlocks)
    case 10: return "$$" + pick(["", "\n"]) + tex(depth: 0) + pick(["", "\n"]) + "$$"
    case 11: return pick(["---", "***", "___", "- - -"])
    case 12: return "[\(pick(Self.words))]: \(url()) \"\(inline())\""
    default: return inline() + "\n" + pick(["===", "---"])
    }
  }

  private mutating func table() -> String {
    let columns = int(1...4)
    let row = { (g: inout FuzzGenerator) in
      "| " + (0..<columns).map { _ in g.inline().replacingNewlines(with: " ") }.joined(separator: " | ") + " |"
    }
    var lines = [row(&self)]
    lines.append("|" + (0..<columns).map { _ in pick(["---", ":--", "--:", ":-:"]) }.joined(separator: "|") + "|")
    for _ in 0..<int(0...3) { lines.append(row(&self)) }
    return lines.joined(separator: "\n")
  }

  private mutating func fence() -> String {
    let mark = pick(["```", "~~~", "````"])
    let info = pick(Self.infoStrings)
    let body = (0..<int(0...4)).map { _ in code() }.joined(separator: "\n")
    let closing = chance(0.9) ? "\n" + mark : ""
    return mark + info + "\n" + body + closing
  }

  private mutating func code() -> String {
    (0..<int(1...5)).map { _ in pick([pick(Self.words), pick(Self.hostile), "$" + tex(depth: 2) + "$", "<b>", "&amp;"])
    }
    .joined(separator: pick([" ", "", "\t"]))
  }

  // MARK: - Inline

  mutating func inline() -> String {
    (0..<int(1...8)).map { _ in piece() }.joined(separator: pick([" ", " ", "", "\n"]))
  }

  private mutating func piece() -> String {
    switch int(0...17) {
    case 0, 1, 2: return pick(Self.words)
    case 3: return pick(Self.hostile)
    case 4, 5: return "$" + tex(depth: 0) + "$"
    case 6: return "$$" + tex(depth: 0) + "$$"
    case 7: return "`" + code() + "`"
    case 8: return pick(["*", "_", "**", "__", "~~"]).wrapping(pick(Self.words) + " " + pick(Self.words))
    case 9: return "[\(pick(Self.words)) \(shortInline())](\(url())\(title()))"
    case 10: return "![\(shortInline())](\(url())\(title()))"
    case 11: return pick(["<https://example.org/$x$>", "www.example.org/$a$", "<a@b.c>", "https://e.org/a?b=\"c\""])
    case 12: return pick(Self.rawHTMLInline)
    case 13: return pick(Self.entities)
    case 14: return "[\(pick(Self.words))]"
    case 15: return pick(["\\$", "$5", "$ x$", "\\", "\\\\", "$$", "`", "``"])
    case 16: return pick(["UNROLLEDMATH0X", "&#85;NROLLEDMATH0X", "UNROLLEDMATHC", "UNROLLEDMATHCONTINUED"])
    default: return pick(Self.words) + pick(Self.hostile) + pick(Self.words)
    }
  }

  private mutating func shortInline() -> String {
    pick([pick(Self.words), "$" + tex(depth: 2) + "$", pick(Self.hostile), "*\(pick(Self.words))*"])
  }

  private mutating func url() -> String {
    var parts = [pick(["", "https://example.org/", "javascript:", "JaVaScRiPt:", "data:text/html,", "a/", "#"])]
    for _ in 0..<int(0...3) {
      parts.append(pick(["x", "$" + tex(depth: 2) + "$", "%22", "\"", "'", "&", "<x>", "a b", "\u{0}", "é"]))
    }
    let joined = parts.joined()
    return joined.contains(" ") || chance(0.3) ? "<\(joined.replacingOccurrences(of: ">", with: ""))>" : joined
  }

  private mutating func title() -> String {
    chance(0.5) ? "" : pick([" \"", " '", " ("]).titleWrapped(shortInline() + " " + pick(Self.hostile))
  }

  // MARK: - Math

  /// TeX, mostly of the course's kind, some broken, some hostile, rarely nested deep.
  mutating func tex(depth: Int) -> String {
    if depth == 0 && chance(0.02) {
      let n = int(90...130)
      return String(repeating: pick(["{", "x^{", "\\hat ", "\\left("]), count: n) + "x"
        + String(repeating: pick(["}", "\\right)"]), count: n)
    }
    return (0..<int(1...4)).map { _ in texAtom(depth: depth) }.joined(separator: pick(["", " "]))
  }

  private mutating func texAtom(depth: Int) -> String {
    let deeper = depth < 3
    switch int(0...14) {
    case 0, 1: return pick(["x", "y", "h_t", "W_{hh}", "2", "3.5", "\\alpha", "\\sigma", "+", "=", "-", "\\cdot"])
    case 2 where deeper: return "\\frac{\(tex(depth: depth + 1))}{\(tex(depth: depth + 1))}"
    case 3 where deeper: return "x^{\(tex(depth: depth + 1))}_{\(tex(depth: depth + 1))}"
    case 4 where deeper: return "\\left(\(tex(depth: depth + 1))\\right)"
    case 5 where deeper: return "\\begin{pmatrix}\(tex(depth: depth + 1)) & a \\\\ b & c\\end{pmatrix}"
    case 6: return "\\text{" + pick(["<b>", "a&b", "\"q\"", "'", "ok", "</math>", "\u{1}"]) + "}"
    case 7: return pick(["\\frob", "}", "{", "&", "\\\\", "^", "_", "\\left(", "\\end{x}", "x_1_2", "\\sqrt["])
    case 8: return pick(Self.hostile)
    case 9: return pick(["<", ">", "&", "\"", "'", "<script>", "&amp;", "\\{", "\\|", "%comment\n"])
    case 10 where deeper: return "\\sqrt{\(tex(depth: depth + 1))}"
    case 11: return "\\mathbf{" + pick(["h", "W", "x1"]) + "}"
    case 12: return "\\operatorname{" + pick(["softmax", "<i>", "a\"b"]) + "}"
    default: return pick(["\\sum_{t=1}^{T}", "\\tanh", "\\hat{y}", "\\mathbb{R}", "f'(x)", "\\,", "\\quad"])
    }
  }

  // MARK: - Material

  static let words = [
    "the", "hidden", "state", "gradient", "RNN", "LSTM", "h", "1", "0.5", "x", "loss", "weights", "step", "a", "é",
    "naïve", "日本", "🙂", "price:", "foo_bar", "*", "_", "|", "#", "!", "[", "]", "(", ")",
  ]
  static let hostile = [
    "\u{0}", "\u{1}", "\u{7}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{9F}", "\r", "\u{2028}", "\u{FEFF}",
    noncharacter(0xFFFE),
    noncharacter(0xFFFF), noncharacter(0xFDD0), "\u{202E}", "e\u{301}", "`\u{301}", "$\u{301}", "<", ">", "&", "\"",
    "'", "\\", "<script>",
    "</p>", "<!--", "-->", "]]>", "\u{10FFFF}", "\u{E000}", "&#0;", "&#x1;", "\t", "%", "{{", "}}",
  ]
  static let entities = ["&amp;", "&lt;", "&#0;", "&#x1;", "&#xFFFE;", "&#1114112;", "&bogus;", "&quot;", "&#60;", "&"]
  static let infoStrings = [
    "", "python", "text", "output", "output displays", "js", " $x$", "a\"b", "<x>", "$\\frac{a}{b}$", "c onclick=x",
    "\u{0}", "fuzz-leak\"><script>",
  ]
  static let rawHTMLBlocks = [
    "<div data-fuzz-leak=\"1\" onclick=\"alert(1)\">\n*text*\n</div>",
    "<script data-fuzz-leak>alert(1)</script>",
    "<style data-fuzz-leak>body{display:none}</style>",
    "<iframe src=\"javascript:alert(1)\" data-fuzz-leak=\"1\"></iframe>",
    "<!-- unrolled: timeout=5 -->", "<!-- unrolled: timeout=0 memory=2G -->", "<!-- unrolled: bogus -->",
    "<!-- data-fuzz-leak $x$ -->", "<details data-fuzz-leak=\"1\"><summary>$y$</summary>",
    "<img src=x onerror=\"alert(1)\" data-fuzz-leak>", "<?php echo 1 ?>", "<![CDATA[ x ]]>",
  ]
  static let rawHTMLInline = [
    "<span data-fuzz-leak=\"1\">", "</span>", "<a href=\"javascript:alert(1)\" data-fuzz-leak>x</a>",
    "<a href=\"x\" data-fuzz-leak>x</a>",
    "<b onmouseover=\"x\" data-fuzz-leak>", "<!-- x -->", "<img src=x onerror=x data-fuzz-leak>", "<fuzz-leak>",
    "<em data-fuzz-leak>", "<code data-fuzz-leak>",
  ]
  static let slugPieces = ["lesson", "01-", "a\"b", "<i>", "&amp;", "#", "?", "%20", " ", "é", "'", "x", "..", "\u{1}"]

  /// A noncharacter (Swift string literals may not hold one).
  static func noncharacter(_ value: UInt32) -> String { String(Unicode.Scalar(value)!) }

  // MARK: - Chance

  private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
  private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

extension String {
  fileprivate func wrapping(_ text: String) -> String { self + text + self }

  fileprivate func titleWrapped(_ text: String) -> String {
    let close = hasSuffix("(") ? ")" : String(last!)
    return self + text + close
  }

  fileprivate func replacingNewlines(with replacement: String) -> String {
    split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
