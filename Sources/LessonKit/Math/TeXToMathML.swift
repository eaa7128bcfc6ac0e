/// A token of TeX source.
enum TeXToken: Equatable {
  /// `\name`, or `\` and one non-letter (`\,`, `\{`, `\\`).
  case command(String)
  /// Any other character; white space is dropped.
  case character(Character)
}

/// Why a piece of math could not be converted, in words a lesson author can act on.
public struct MathError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message.
  public let message: String
  /// The message.
  public var description: String { message }
}

/// Converts the TeX the course uses into MathML, at build time, so pages need no
/// JavaScript. It covers sub- and superscripts, fractions, roots, Greek letters, the
/// operators and relations of the lessons, `\left…\right`, `\text`, font commands,
/// accents, matrices (`pmatrix`, `bmatrix`, …), `cases` and `aligned`. Anything else
/// throws a ``MathError``, and so does math nested deeper than ``maximumDepth`` (the
/// converter is recursive: without a bound, hostile math would overflow the stack).
public struct TeXToMathML {
  /// How deeply groups, arguments, `\left…\right` and environments may nest: far more
  /// than any formula a reader can follow, far less than what would exhaust the stack.
  public static let maximumDepth = 100

  private var tokens: [TeXToken]
  private var position = 0
  private let display: Bool
  private var depth = 0
  /// Set by ``command(_:variant:)`` when the atom it read is a function name such as `\ln`.
  private var readFunction = false

  /// The invisible function application that follows a function name (U+2061).
  private static let apply = "<mo>\u{2061}</mo>"

  /// The function application followed by a thin space.
  private static let spacedApply = "<mo rspace=\"0.1667em\">\u{2061}</mo>"

  /// A thin space, as TeX puts between an ordinary symbol and a function name.
  private static let thinSpace = "<mspace width=\"0.1667em\"/>"

  /// The symbols that close a group: a `-` after one is subtraction, not a sign.
  private static let closers: Set<Character> = [")", "]", "|", "‖", "⟩", "⌋", "⌉", "}", "′", "!"]

  /// `<math>` for `tex`, displayed as a block when `display` is set.
  public static func convert(_ tex: String, display: Bool) throws(MathError) -> String {
    var converter = TeXToMathML(tokens: tokenize(tex), display: display)
    let body = try converter.sequence(until: [])
    let alt = escapeHTML(
      tex.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isNewline)
        .joined(separator: " "))
    let mode = display ? " display=\"block\"" : ""
    return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"\(mode) alttext=\"\(alt)\">\(row(body))</math>"
  }

  private init(tokens: [TeXToken], display: Bool) {
    self.tokens = tokens
    self.display = display
  }

  static func tokenize(_ tex: String) -> [TeXToken] {
    let chars = Array(tex)
    var tokens: [TeXToken] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\\" {
        var j = i + 1
        while j < chars.count, chars[j].isLetter, chars[j].isASCII { j += 1 }
        if j == i + 1 {
          tokens.append(.command(i + 1 < chars.count ? String(chars[i + 1]) : " "))
          i += 2
        } else {
          tokens.append(.command(String(chars[(i + 1)..<j])))
          i = j
        }
      } else if c == "%" {
        while i < chars.count, chars[i] != "\n" { i += 1 }
      } else {
        tokens.append(.character(c))
        i += 1
      }
    }
    return tokens
  }

  private static func row(_ items: [String]) -> String {
    items.count == 1 ? items[0] : "<mrow>" + items.joined() + "</mrow>"
  }

  private var current: TeXToken? { position < tokens.count ? tokens[position] : nil }

  private mutating func skipSpaces() {
    while case .character(let c)? = current, c.isWhitespace { position += 1 }
  }

  /// Counts one more level of nesting for the caller's duration, or throws past the bound.
  private mutating func descend() throws(MathError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw MathError(
        message: "the math nests more than \(Self.maximumDepth) levels deep (braces, arguments, "
          + "\\left or environments): split it into simpler formulas")
    }
  }

  /// Items until one of `stops` (not consumed) or the end; a `}` with no `{` is an error.
  private mutating func sequence(until stops: Set<String>, variant: String? = nil) throws(MathError) -> [String] {
    try descend()
    defer { depth -= 1 }
    var items: [String] = []
    while true {
      skipSpaces()
      guard let token = current else { return items }
      switch token {
      case .character("}"):
        if stops.contains("}") { return items }
        throw MathError(message: "a `}` closes no `{`")
      case .character("&") where stops.contains("&"): return items
      case .command("\\") where stops.contains("\\\\"): return items
      case .command("right") where stops.contains("right"): return items
      case .command("end") where stops.contains("end"): return items
      case .character("&"): throw MathError(message: "`&` is only allowed inside a matrix or `aligned`")
      case .command("\\"): throw MathError(message: "`\\\\` is only allowed inside a matrix or `aligned`")
      case .command("right"): throw MathError(message: "`\\right` without a `\\left`")
      case .command("end"): throw MathError(message: "`\\end` without a `\\begin`")
      default:
        let signed = (current == .character("-") || current == .character("+")) && Self.startsOperand(after: items.last)
        readFunction = false
        var item = try scripted(variant: variant)
        if signed, item.hasPrefix("<mo>") { item = "<mo form=\"prefix\">" + item.dropFirst(4) }
        if readFunction, let last = items.last, !last.hasSuffix("</mo>") || Self.closes(last) {
          items.append(Self.thinSpace)  // `25 \ln 65`: a thin space before the name, as in TeX
        }
        // The name and its application are two items, so a group of them is an `<mrow>`.
        if readFunction, let applied = Self.appliedSuffix(of: item) {
          items += [String(item.dropLast(applied.count)), applied]
        } else {
          items.append(item)
        }
      }
    }
  }

  /// The function application at the end of `item`, if it ends with one.
  private static func appliedSuffix(of item: String) -> String? {
    [apply, spacedApply].first { item.hasSuffix($0) }
  }

  /// Whether a `-` or `+` after `previous` is a sign (nothing or an operator before it)
  /// rather than subtraction or addition.
  private static func startsOperand(after previous: String?) -> Bool {
    guard let previous else { return true }
    return previous.hasSuffix("</mo>") && !closes(previous)
  }

  /// Whether `item` is an operator that closes a group, such as `)`.
  private static func closes(_ item: String) -> Bool {
    guard item.hasSuffix("</mo>"), let last = item.dropLast(5).last else { return false }
    return closers.contains(last)
  }

  /// What follows a function name and its scripts: the invisible function application,
  /// with a thin space after it unless a bracket follows (`\ln 65` but `\ln(x)`).
  private mutating func application() -> String {
    skipSpaces()
    switch current {
    case nil, .character("(")?, .character("[")?, .character("}")?, .command("left")?, .command("{")?,
      .command("big")?, .command("Big")?, .command("bigl")?, .command("Bigl")?:
      return Self.apply
    default:
      return Self.spacedApply
    }
  }

  /// An atom with its sub- and superscripts and primes.
  private mutating func scripted(variant: String?) throws(MathError) -> String {
    var (base, limits) = try atom(variant: variant)
    // A function name is the base of its scripts; the function application follows them
    // (`\tanh^2 x` is tanh squared applied to x).
    let function = base.hasSuffix(Self.apply)
    if function { base = String(base.dropLast(Self.apply.count)) }
    var sub: String?
    var sup: String?
    var primes = 0
    while true {
      skipSpaces()
      switch current {
      case .character("_")?:
        guard sub == nil else { throw MathError(message: "two subscripts in a row: group them with braces") }
        position += 1
        sub = try argument(variant: variant)
      case .character("^")?:
        guard sup == nil else { throw MathError(message: "two superscripts in a row: group them with braces") }
        position += 1
        sup = try argument(variant: variant)
      case .character("'")?:
        position += 1
        primes += 1
      default:
        var superscript = sup
        if primes > 0 {
          let marks = "<mo>" + String(repeating: "′", count: primes) + "</mo>"
          superscript = superscript.map { "<mrow>" + marks + $0 + "</mrow>" } ?? marks
        }
        let under = limits && display
        let after = function ? application() : ""
        switch (sub, superscript) {
        case (nil, nil): return base + after
        case (let s?, nil): return (under ? "<munder>\(base)\(s)</munder>" : "<msub>\(base)\(s)</msub>") + after
        case (nil, let p?): return (under ? "<mover>\(base)\(p)</mover>" : "<msup>\(base)\(p)</msup>") + after
        case (let s?, let p?):
          return (under ? "<munderover>\(base)\(s)\(p)</munderover>" : "<msubsup>\(base)\(s)\(p)</msubsup>")
            + after
        }
      }
    }
  }

  /// A script or command argument: a group in braces or a single atom.
  private mutating func argument(variant: String? = nil) throws(MathError) -> String {
    skipSpaces()
    guard current != nil else { throw MathError(message: "something is missing at the end of the math") }
    if current == .character("{") {
      position += 1
      let items = try sequence(until: ["}"], variant: variant)
      try expect("}")
      return Self.row(items)
    }
    try descend()  // `\hat\hat\hat…x` nests without braces
    defer { depth -= 1 }
    let html = try atom(variant: variant).html
    return html.hasSuffix(Self.apply) ? "<mrow>\(html)</mrow>" : html
  }

  private mutating func expect(_ c: Character) throws(MathError) {
    skipSpaces()
    guard current == .character(c) else { throw MathError(message: "expected `\(c)`") }
    position += 1
  }

  /// The raw text of a `{…}` group (for `\text` and environment names).
  private mutating func rawGroup() throws(MathError) -> String {
    skipSpaces()
    guard current == .character("{") else { throw MathError(message: "expected `{` after the command") }
    position += 1
    var open = 0
    var text = ""
    while let token = current {
      position += 1
      switch token {
      case .character("{"):
        open += 1
        text.append("{")
      case .character("}"):
        if open == 0 { return text }
        open -= 1
        text.append("}")
      case .character(let c): text.append(c)
      case .command(let name): text += name.count == 1 && !name.first!.isLetter ? name : "\\" + name
      }
    }
    throw MathError(message: "a `{` is never closed")
  }

  private static func identifier(_ text: String, variant: String?) -> String {
    if variant == "double-struck", text.count == 1, let special = TeXSymbols.doubleStruck[text.first!] {
      return "<mi mathvariant=\"normal\">\(special)</mi>"
    }
    if variant == "bold" || variant == "bold-italic" {
      // Browsers that follow MathML Core ignore mathvariant="bold": use the bold letters.
      let (upper, lower) = variant == "bold" ? (0x1D400, 0x1D41A) : (0x1D468, 0x1D482)
      let bold = text.unicodeScalars.map { c -> String in
        let v = Int(c.value)
        let mapped = (65...90).contains(v) ? upper + v - 65 : ((97...122).contains(v) ? lower + v - 97 : v)
        return String(Character(Unicode.Scalar(UInt32(mapped))!))
      }.joined()
      return text.count == 1 ? "<mi>\(bold)</mi>" : "<mi mathvariant=\"normal\">\(bold)</mi>"
    }
    if let variant, !(variant == "italic" && text.count == 1) {
      return "<mi mathvariant=\"\(variant)\">\(escapeHTML(text))</mi>"
    }
    return "<mi>\(escapeHTML(text))</mi>"
  }

  /// One atom, and whether scripts on it go under and over in displayed math.
  private mutating func atom(variant: String?) throws(MathError) -> (html: String, limits: Bool) {
    guard let token = current else { throw MathError(message: "something is missing at the end of the math") }
    position += 1
    switch token {
    case .character("{"):
      let items = try sequence(until: ["}"], variant: variant)
      try expect("}")
      return ("<mrow>" + items.joined() + "</mrow>", false)
    case .character("^"), .character("_"):
      throw MathError(message: "a script with nothing before it: write `{}` first, as in `{}^\\top`")
    case .character(let c) where c.isNumber || c == ".":
      var number = String(c)
      while case .character(let d)? = current, d.isNumber || (d == "." && number.last?.isNumber == true) {
        number.append(d)
        position += 1
      }
      if number.hasSuffix("."), number.count > 1 {
        number.removeLast()
        position -= 1
      }
      if number == "." { return ("<mo>.</mo>", false) }
      let style = variant == "bold" ? " mathvariant=\"bold\"" : ""
      return ("<mn\(style)>\(number)</mn>", false)
    case .character(let c) where c.isLetter:
      return (Self.identifier(String(c), variant: variant), false)
    case .character(let c):
      let symbol = c == "-" ? "−" : (c == "*" ? "∗" : String(c))
      let stretch = "()[]|".contains(c) ? " stretchy=\"false\"" : ""
      return ("<mo\(stretch)>\(escapeHTML(symbol))</mo>", false)
    case .command(let name):
      return try command(name, variant: variant)
    }
  }

  private mutating func command(_ name: String, variant: String?) throws(MathError) -> (html: String, limits: Bool) {
    if let letter = TeXSymbols.letters[name] {
      let upright = letter.first!.isUppercase || ["∂", "∇", "∞", "⊤", "∅"].contains(letter)
      let style = variant == "bold" ? " mathvariant=\"bold\"" : (upright ? " mathvariant=\"normal\"" : "")
      return ("<mi\(style)>\(letter)</mi>", false)
    }
    if let symbol = TeXSymbols.operators[name] {
      return ("<mo>\(escapeHTML(symbol))</mo>", false)
    }
    if let symbol = TeXSymbols.largeOperators[name] {
      return ("<mo largeop=\"true\" movablelimits=\"true\">\(symbol)</mo>", true)
    }
    if TeXSymbols.functions.contains(name) {
      readFunction = true
      let text = name == "argmax" ? "arg max" : (name == "argmin" ? "arg min" : name)
      return ("<mi>\(text)</mi><mo>\u{2061}</mo>", TeXSymbols.limitFunctions.contains(name))
    }
    if let width = TeXSymbols.spaces[name] {
      return ("<mspace width=\"\(width)\"/>", false)
    }
    if let mark = TeXSymbols.accents[name] {
      let base = try argument(variant: variant)
      let stretchy = name.hasPrefix("wide") || name == "overline" ? "true" : "false"
      return ("<mover accent=\"true\">\(base)<mo stretchy=\"\(stretchy)\">\(escapeHTML(mark))</mo></mover>", false)
    }
    if let font = TeXSymbols.fonts[name] {
      if name == "operatorname" {
        readFunction = true
        return ("<mi>\(escapeHTML(try rawGroup()))</mi><mo>\u{2061}</mo>", false)
      }
      return (try argument(variant: font), false)
    }
    switch name {
    case "frac", "dfrac", "tfrac":
      let numerator = try argument(variant: variant)
      let denominator = try argument(variant: variant)
      return ("<mfrac>\(numerator)\(denominator)</mfrac>", false)
    case "sqrt":
      skipSpaces()
      if current == .character("[") {
        guard let close = tokens[position...].firstIndex(of: .character("]")) else {
          throw MathError(message: "`\\sqrt[` needs a closing `]`")
        }
        var inner = TeXToMathML(tokens: Array(tokens[(position + 1)..<close]), display: false)
        inner.depth = depth
        let index = try inner.sequence(until: [], variant: variant)
        position = close + 1
        return ("<mroot>\(try argument(variant: variant))\(Self.row(index))</mroot>", false)
      }
      return ("<msqrt>\(try argument(variant: variant))</msqrt>", false)
    case "text", "textrm", "mbox":
      return ("<mtext>\(Self.keepingEdgeSpaces(escapeHTML(try rawGroup())))</mtext>", false)
    case "left":
      return (try fenced(variant: variant), false)
    case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr":
      skipSpaces()
      guard let token = current, let d = TeXSymbols.delimiter(token) else {
        throw MathError(message: "`\\\(name)` must be followed by a delimiter such as ( or |")
      }
      position += 1
      let size = name.hasPrefix("B") ? "1.8em" : (name.hasPrefix("bigg") ? "2.4em" : "1.2em")
      return ("<mo minsize=\"\(size)\" maxsize=\"\(size)\">\(escapeHTML(d))</mo>", false)
    case "begin":
      return (try environment(variant: variant), false)
    case "underbrace", "overbrace":
      // Chromium does not stretch an operator under or over a base, so the stylesheet
      // draws the brace as the border of the base's row and hides the operator, which
      // stays for renderers that stretch it.
      let base = try argument(variant: variant)
      let brace = name == "underbrace" ? "⏟" : "⏞"
      let tag = name == "underbrace" ? "munder" : "mover"
      return (
        "<\(tag)><mrow class=\"\(name)\">\(base)</mrow><mo class=\"brace\" stretchy=\"true\">\(brace)</mo></\(tag)>",
        true
      )
    case "displaystyle", "textstyle":
      return ("", false)
    default:
      throw MathError(
        message: "the math uses `\\\(name)`, which the course's math converter does not support; "
          + "see Sources/LessonKit/Math/TeXSymbols.swift for what it does")
    }
  }

  /// `text` with the spaces at its ends made no-break spaces: a browser trims plain spaces
  /// at the ends of an `<mtext>`, and `\text{from step } t` would read "stept".
  private static func keepingEdgeSpaces(_ text: String) -> String {
    let leading = text.prefix(while: \.isWhitespace).count
    guard leading < text.count else { return String(repeating: "&#160;", count: leading) }
    let trailing = text.reversed().prefix(while: \.isWhitespace).count
    let middle = text.dropFirst(leading).dropLast(trailing)
    return String(repeating: "&#160;", count: leading) + middle + String(repeating: "&#160;", count: trailing)
  }

  /// `\left( … \right)`: a row between two stretchy fences.
  private mutating func fenced(variant: String?) throws(MathError) -> String {
    skipSpaces()
    guard let open = current.flatMap(TeXSymbols.delimiter) else {
      throw MathError(message: "`\\left` must be followed by a delimiter such as ( [ | or .")
    }
    position += 1
    let inner = try sequence(until: ["right"], variant: variant)
    guard current == .command("right") else { throw MathError(message: "`\\left` without a matching `\\right`") }
    position += 1
    skipSpaces()
    guard let close = current.flatMap(TeXSymbols.delimiter) else {
      throw MathError(message: "`\\right` must be followed by a delimiter such as ) ] | or .")
    }
    position += 1
    var html = "<mrow>"
    if !open.isEmpty { html += "<mo fence=\"true\" stretchy=\"true\">\(escapeHTML(open))</mo>" }
    html += inner.joined()
    if !close.isEmpty { html += "<mo fence=\"true\" stretchy=\"true\">\(escapeHTML(close))</mo>" }
    return html + "</mrow>"
  }

  /// `\begin{NAME} … \end{NAME}`: matrices, `cases` and `aligned`.
  private mutating func environment(variant: String?) throws(MathError) -> String {
    let name = try rawGroup()
    let aligned = ["aligned", "align", "align*", "split", "gathered"].contains(name)
    guard aligned || TeXSymbols.matrices[name] != nil else {
      throw MathError(message: "the environment `\(name)` is not supported: use pmatrix, bmatrix, cases or aligned")
    }
    var rows: [[String]] = [[]]
    while true {
      let cell = try sequence(until: ["&", "\\\\", "end"], variant: variant)
      rows[rows.count - 1].append(Self.row(cell.isEmpty ? ["<mrow></mrow>"] : cell))
      guard let token = current else { throw MathError(message: "`\\begin{\(name)}` without `\\end{\(name)}`") }
      position += 1
      if token == .character("&") { continue }
      if token == .command("\\") {
        rows.append([])
        continue
      }
      let closing = try rawGroup()
      guard closing == name else {
        throw MathError(message: "`\\begin{\(name)}` is closed by `\\end{\(closing)}`")
      }
      break
    }
    if rows.count > 1, rows.last == [] || rows.last == ["<mrow></mrow>"] { rows.removeLast() }
    // MathML Core ignores `columnalign`: the stylesheet aligns the cells of the classes
    // `aligned` (right, left, right, …, so the `=` signs line up) and `cases` (left).
    var table =
      aligned
      ? "<mtable class=\"aligned\" displaystyle=\"true\" columnalign=\"right left\" columnspacing=\"0\">"
      : (name == "cases" ? "<mtable class=\"cases\" columnalign=\"left left\">" : "<mtable>")
    for row in rows {
      table += "<mtr>"
      for (column, cell) in row.enumerated() {
        var cell = cell
        // `&= b`: the relation starts its cell but keeps its spaces on both sides.
        if aligned, column % 2 == 1 {
          if cell.hasPrefix("<mo>") {
            cell = "<mo form=\"infix\">" + cell.dropFirst(4)
          } else if cell.hasPrefix("<mrow><mo>") {
            cell = "<mrow><mo form=\"infix\">" + cell.dropFirst(10)
          }
        }
        table += "<mtd>\(cell)</mtd>"
      }
      table += "</mtr>"
    }
    table += "</mtable>"
    guard let fences = TeXSymbols.matrices[name], !fences.open.isEmpty || !fences.close.isEmpty else { return table }
    let open = fences.open.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(escapeHTML(fences.open))</mo>"
    let close = fences.close.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(escapeHTML(fences.close))</mo>"
    return "<mrow>\(open)\(table)\(close)</mrow>"
  }
}
