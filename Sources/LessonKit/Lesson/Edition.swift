/// The language a lesson is written in: the English original, or its Chinese translation
/// in the lessons folder's `zh` folder, with the same file name.
public enum Edition: String, Sendable, Codable, CaseIterable {
  /// The English lessons, `Lessons/NN-slug.md`.
  case english = "en"
  /// The Simplified Chinese lessons, `Lessons/zh/NN-slug.md`.
  case chinese = "zh-Hans"

  /// The subfolder of the lessons folder (and of the site) that holds this edition's
  /// files; `nil` for English, which lives at the top.
  public var folder: String? {
    switch self {
    case .english: nil
    case .chinese: "zh"
    }
  }
}
