/// The TeX commands the course's math may use, by kind. A command not listed here is an
/// error naming the lesson line, never dropped in silence.
enum TeXSymbols {
  /// Letters: rendered as identifiers.
  static let letters: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "ell": "ℓ", "partial": "∂", "nabla": "∇",
    "infty": "∞", "top": "⊤", "emptyset": "∅", "hbar": "ℏ",
  ]

  /// Operators and relations: rendered as `<mo>`.
  static let operators: [String: String] = [
    "cdot": "⋅", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "times": "×", "div": "÷", "pm": "±", "mp": "∓",
    "circ": "∘", "ast": "∗", "star": "⋆", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆",
    "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "ne": "≠", "neq": "≠", "ll": "≪", "gg": "≫", "lt": "<", "gt": ">", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔",
    "Leftrightarrow": "⇔", "mapsto": "↦", "implies": "⟹", "iff": "⟺", "ldots": "…", "dots": "…", "cdots": "⋯",
    "vdots": "⋮", "ddots": "⋱", "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨",
    "cup": "∪", "cap": "∩", "setminus": "∖", "mid": "∣", "vert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖",
    "lvert": "|", "rvert": "|", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈",
    "rceil": "⌉", "{": "{", "}": "}", "|": "‖", "prime": "′", "colon": ":", "uparrow": "↑",
    "downarrow": "↓",
  ]

  /// Large operators: their limits go under and over in displayed math.
  static let largeOperators: [String: String] = [
    "sum": "∑", "prod": "∏", "int": "∫", "bigcup": "⋃", "bigcap": "⋂", "coprod": "∐",
  ]

  /// Function names, set upright.
  static let functions: Set<String> = [
    "tanh", "sinh", "cosh", "sin", "cos", "tan", "exp", "log", "ln", "lg", "max", "min", "arg", "argmax",
    "argmin", "det", "dim", "sup", "inf", "lim", "sgn", "softmax", "diag", "tr",
  ]

  /// Function names whose subscripts go underneath in displayed math.
  static let limitFunctions: Set<String> = ["max", "min", "lim", "sup", "inf", "argmax", "argmin"]

  /// Spaces, as MathML widths.
  static let spaces: [String: String] = [
    ",": "0.1667em", ":": "0.2222em", ";": "0.2778em", " ": "0.25em", "quad": "1em", "qquad": "2em",
    "!": "-0.1667em", "enspace": "0.5em",
  ]

  /// Accents: the mark drawn over the argument.
  static let accents: [String: String] = [
    "hat": "^", "widehat": "^", "tilde": "~", "widetilde": "~", "bar": "¯", "overline": "¯", "vec": "→",
    "dot": "˙", "ddot": "¨", "check": "ˇ",
  ]

  /// Font commands and the `mathvariant` they set.
  static let fonts: [String: String] = [
    "mathbf": "bold", "boldsymbol": "bold-italic", "mathrm": "normal", "operatorname": "normal",
    "mathit": "italic", "mathcal": "script", "mathbb": "double-struck", "mathsf": "sans-serif",
    "mathtt": "monospace",
  ]

  /// Letters that have their own double-struck character.
  static let doubleStruck: [Character: String] = [
    "R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "H": "ℍ",
  ]

  /// Environments: opening and closing fences of each matrix kind.
  static let matrices: [String: (open: String, close: String)] = [
    "matrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
    "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "cases": ("{", ""),
  ]

  /// Delimiters after `\left`, `\right` and the `\big` family.
  static func delimiter(_ token: TeXToken) -> String? {
    switch token {
    case .character(let c) where "()[]|./".contains(c): c == "." ? "" : String(c)
    case .command(let name): operators[name].flatMap { "{}‖|⟨⟩⌊⌋⌈⌉".contains($0) ? $0 : nil }
    default: nil
    }
  }
}
