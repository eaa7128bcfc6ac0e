/// Which lesson files the names on a command line mean (`unrolled test 03`,
/// `unrolled handout 11-lstm`).
public enum LessonNames {
  /// The lesson file each of `names` means, in the order given, each file once.
  ///
  /// A name means a file of `paths` (as ``Course/lessonFiles(in:)`` lists them) when it
  /// is the path itself, the file's name with or without `.md`, or the start of the
  /// file's name up to a dash: `03` and `03-backpropagation` both mean
  /// `03-backpropagation-through-time-by-hand.md`. A name that is a file's whole name
  /// wins over names it merely starts.
  ///
  /// - Parameters:
  ///   - names: What the user typed.
  ///   - paths: The lesson files to choose from.
  ///   - folder: The lessons folder, named in messages.
  /// - Throws: ``SetupError`` naming the first name that means no file, or more than one
  ///   (with the candidates).
  public static func resolve(_ names: [String], among paths: [String], folder: String) throws -> [String] {
    var chosen: [String] = []
    for name in names {
      let path = try resolve(name, among: paths, folder: folder)
      if !chosen.contains(path) { chosen.append(path) }
    }
    return chosen
  }

  /// The one file of `paths` that `name` means.
  static func resolve(_ name: String, among paths: [String], folder: String) throws -> String {
    func file(_ path: String) -> Substring { path.split(separator: "/").last ?? Substring(path) }
    let whole = paths.filter { path in path == name || file(path) == name || file(path) == name + ".md" }
    if whole.count == 1 { return whole[0] }
    let matches = whole.isEmpty ? paths.filter { file($0).hasPrefix(name + "-") } : whole
    if matches.count == 1 { return matches[0] }
    if matches.count > 1 {
      throw SetupError("'\(name)' could be any of \(matches.joined(separator: ", ")): give more of the name")
    }
    throw SetupError("no lesson '\(name)' in \(folder)")
  }
}
