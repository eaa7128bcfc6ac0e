import Foundation

/// A learner's attempt: the course's lesson with each exercise's solution replaced by
/// the learner's code for it, so everything else (prose, set-up, checks) is the
/// course's own, and a map from the program's lines back to the learner's file.
public struct Attempt: Sendable {
  /// The course's lesson (its path names the course's file).
  public let course: Lesson
  /// The lesson that runs: the course's, with the learner's code in place of each
  /// named solution. Its line numbers are those of the spliced text.
  public let lesson: Lesson
  /// The learner's file, as given.
  public let file: String
  /// Exercises of the course that the learner's file lacks (their starters ran).
  public let missing: [String]
  /// Spliced regions: the first spliced line, how many lines, and the learner's line
  /// the region starts at; `delta` is the change in line count the region makes.
  private let regions: [Region]

  /// Lines of the spliced lesson that came from elsewhere.
  private struct Region: Sendable {
    /// The first spliced line, and how many.
    var start: Int
    var count: Int
    /// Where they came from: the learner's file, or the course's starter.
    var file: String
    var line: Int
    var isLearners: Bool
    /// The change in line count the region makes.
    var delta: Int
  }

  /// A place in a file.
  public struct Place: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// Whether it is in the learner's own code.
    public var isLearners: Bool
    /// `file:line`.
    public var description: String { "\(file):\(line)" }

    /// A place at `line` of `file`.
    public init(file: String, line: Int, isLearners: Bool) {
      self.file = file
      self.line = line
      self.isLearners = isLearners
    }
  }

  /// Why an attempt cannot be put together.
  public struct Problem: Error, CustomStringConvertible {
    /// What is wrong.
    public var description: String
  }

  /// The `swift exercise NAME` cells of a learner's file: each name's code and the
  /// line its code starts on.
  public static func exercises(in learner: Lesson) -> [String: (code: String, line: Int)] {
    var found: [String: (code: String, line: Int)] = [:]
    for cell in learner.cells where cell.mode == .exercise {
      if let name = cell.exercise, found[name] == nil { found[name] = (cell.code, cell.codeLine) }
    }
    return found
  }

  /// Splices `code` (by exercise name) into `course`; an exercise with no code gets its
  /// starter. `file` names where the code came from, for messages.
  public init(course: Lesson, code: [String: (code: String, line: Int)], file: String) throws {
    self.course = course
    self.file = file
    let normalised = course.source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
      of: "\r", with: "\n")
    var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var missing: [String] = []
    var replacements: [(start: Int, old: Int, new: [String], region: Region)] = []
    for exercise in course.exercises {
      guard let solution = exercise.solution else {
        throw Problem(description: "\(course.path): exercise \(exercise.name) has no solution")
      }
      var region = Region(start: 0, count: 0, file: file, line: 0, isLearners: true, delta: 0)
      let text: String
      if let given = code[exercise.name] {
        text = given.code
        region.line = given.line
      } else {
        missing.append(exercise.name)
        text = exercise.starter.code
        (region.file, region.line, region.isLearners) = (course.path, exercise.starter.codeLine, false)
      }
      var newLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if newLines.last == "" { newLines.removeLast() }
      replacements.append((solution.codeLine, solution.closingLine - solution.codeLine, newLines, region))
    }
    var regions: [Region] = []
    var shift = 0
    for r in replacements.sorted(by: { $0.start < $1.start }) {
      let start = r.start + shift
      lines.replaceSubrange((start - 1)..<(start - 1 + r.old), with: r.new)
      var region = r.region
      (region.start, region.count, region.delta) = (start, r.new.count, r.new.count - r.old)
      regions.append(region)
      shift += region.delta
    }
    self.regions = regions
    self.missing = missing
    var lesson = LessonParser.parse(lines.joined(separator: "\n"), path: course.path)
    lesson.source = lines.joined(separator: "\n")
    // The learner's code must stay one cell: a line of ``` in it would end the cell.
    guard lesson.cells.count == course.cells.count else {
      throw Problem(description: "\(file): an exercise cell holds a line that ends a code block (```); remove it")
    }
    for exercise in lesson.exercises {
      let expected = code[exercise.name]?.code ?? course.exercises.first { $0.name == exercise.name }?.starter.code
      if let expected,
        exercise.solution?.code.trimmingCharacters(in: .newlines)
          != expected.trimmingCharacters(in: .newlines)
      {
        throw Problem(description: "\(file): the code of exercise \(exercise.name) could not be put in the lesson")
      }
    }
    self.lesson = lesson
  }

  /// Where line `line` of the spliced lesson came from: the learner's file or the
  /// course's lesson.
  public func place(ofLine line: Int) -> Place {
    var shift = 0
    for region in regions {
      if line < region.start { break }
      if line < region.start + region.count {
        return Place(file: region.file, line: region.line + line - region.start, isLearners: region.isLearners)
      }
      shift += region.delta
    }
    return Place(file: course.path, line: line - shift, isLearners: false)
  }

  /// `text` with every `LESSON:LINE` of the spliced lesson written as the place it came
  /// from.
  public func rewritingPlaces(in text: String) -> String {
    let marker = course.path + ":"
    guard text.contains(marker) else { return text }
    var result = ""
    var rest = Substring(text)
    while let range = rest.range(of: marker) {
      result += rest[..<range.lowerBound]
      let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
      if let line = Int(digits) {
        result += place(ofLine: line).description
        rest = rest[range.upperBound...].dropFirst(digits.count)
      } else {
        result += marker
        rest = rest[range.upperBound...]
      }
    }
    return result + rest
  }
}
