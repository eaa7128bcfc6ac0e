import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The Chinese edition's glossary, `Lessons/zh/glossary.md`: a Markdown table of terms,
/// `| English | 中文 | 不用 |`, the last column listing the variants not to use,
/// separated by `、`. A translation's prose that uses a variant is reported at its line.
///
/// Only prose is checked (code fences, inline code, math, HTML comments and link
/// addresses are not prose), and a variant is not reported where it is part of a term
/// of the glossary (`时间反向传播` inside `随时间反向传播`), while a variant that holds a
/// term is (`深层循环神经网络`, which holds `循环神经网络`), so each variant names
/// exactly the wrong word.
public struct Glossary: Sendable, Equatable {
  /// A term and the variants to avoid.
  public struct Term: Sendable, Equatable {
    /// The English term, as the table gives it.
    public let english: String
    /// The Chinese term to use.
    public let chinese: String
    /// The variants not to use.
    public let avoid: [String]
  }

  /// The terms, in the table's order.
  public let terms: [Term]

  /// The glossary's file name, in the translations' folder.
  public static let fileName = "glossary.md"

  /// The glossary of the edition folder `folder` (`Lessons/zh`), if it has one.
  public static func load(folder: String) -> Glossary? {
    let path = (folder.hasSuffix("/") ? folder : folder + "/") + fileName
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return Glossary(markdown: String(decoding: data, as: UTF8.self))
  }

  /// The terms of the first table of `markdown` with at least two columns, past its
  /// header and delimiter rows.
  public init(markdown: String) {
    var terms: [Term] = []
    var row = 0
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix("|") else {
        if row > 0 { break }
        continue
      }
      row += 1
      guard row > 2 else { continue }  // the header and the |---| row
      var cells = trimmed.dropFirst().split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if cells.last == "" { cells.removeLast() }
      guard cells.count >= 2, !cells[1].isEmpty else { continue }
      let avoid = cells.count > 2 ? cells[2].split(separator: "、").map { $0.trimmingCharacters(in: .whitespaces) } : []
      terms.append(Term(english: cells[0], chinese: cells[1], avoid: avoid.filter { !$0.isEmpty }))
    }
    self.terms = terms
  }

  /// Whether `text` holds `word`: C's `strstr` on their UTF-8 bytes, since Foundation's
  /// `contains` folds character clusters and was most of an unchanged build's time (text
  /// after a NUL byte, which a lesson has no reason to hold, is not searched).
  static func holds(_ text: String, _ word: String) -> Bool {
    text.withCString { haystack in word.withCString { strstr(haystack, $0) != nil } }
  }

  /// Each use of a variant in `lesson`'s prose, at its line, naming the term to use and
  /// the glossary at `glossaryPath`.
  public func misuses(in lesson: Lesson, glossaryPath: String) -> [Diagnostic] {
    let protected = MathSpans.protect(
      lesson.source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    // Longest first, so that a variant is reported whole, not also as a shorter one.
    let kept = terms.map(\.chinese).sorted { $0.count > $1.count }
    // Only the variants the lesson holds anywhere need looking for line by line: usually none.
    var variants: [(variant: String, term: Term)] = []
    for term in terms {
      for variant in term.avoid where Self.holds(protected.text, variant) { variants.append((variant, term)) }
    }
    variants.sort {
      $0.variant.count != $1.variant.count ? $0.variant.count > $1.variant.count : $0.variant < $1.variant
    }
    guard !variants.isEmpty else { return [] }
    var found: [Diagnostic] = []
    var fences = FenceTracker()
    var comment: String?
    for (index, line) in protected.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard fences.role(of: line, fencesCount: comment == nil) == .prose else { continue }
      let (prose, _, open) = ClaimCheck.withoutCode(String(line), openComment: comment)
      comment = open
      var text = prose
      var onLine: [(offset: Int, diagnostic: Diagnostic)] = []
      for (variant, term) in variants where text.contains(variant) {
        // Where the variant is part of a term (the right word), it is not a variant.
        var seen = text
        for right in kept where right.contains(variant) && seen.contains(right) {
          seen = seen.replacingOccurrences(of: right, with: String(repeating: "\u{0}", count: right.count))
        }
        guard let range = seen.range(of: variant) else { continue }
        text = text.replacingOccurrences(of: variant, with: String(repeating: "\u{0}", count: variant.count))
        onLine.append(
          (
            seen.distance(from: seen.startIndex, to: range.lowerBound),
            Diagnostic(
              file: lesson.path, line: index + 1,
              message: "“\(variant)” is not the glossary's term: write “\(term.chinese)” (\(term.english); "
                + "\(glossaryPath))")
          ))
      }
      found += onLine.sorted { $0.offset < $1.offset }.map(\.diagnostic)
    }
    return found
  }
}
