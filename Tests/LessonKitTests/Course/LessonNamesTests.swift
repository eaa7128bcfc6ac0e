import Foundation
import LessonKit
import Testing

/// How `unrolled test 03` and `unrolled handout 11-lstm` find their lessons.
@Suite struct LessonNamesTests {
  static let paths = ["L/01-first.md", "L/01-second.md", "L/02-intro.md", "L/03.md", "L/03-more.md", "L/10-x.md"]

  func resolve(_ names: String...) throws -> [String] {
    try LessonNames.resolve(names, among: Self.paths, folder: "L")
  }

  func message(_ names: String...) -> String? {
    do {
      _ = try LessonNames.resolve(names, among: Self.paths, folder: "L")
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func aNumberAPrefixAFileNameOrAPathEachNameTheLesson() throws {
    for name in ["02", "02-intro", "02-intro.md", "L/02-intro.md", "10"] {
      #expect(try resolve(name).count == 1, "\(name)")
    }
    #expect(try resolve("02", "10") == ["L/02-intro.md", "L/10-x.md"])
    #expect(try resolve("01-second") == ["L/01-second.md"])
  }

  @Test func theSameLessonTwiceRunsOnce() throws {
    #expect(try resolve("02", "02-intro.md", "L/02-intro.md") == ["L/02-intro.md"])
  }

  @Test func aWholeNameWinsOverTheNamesItStarts() throws {
    #expect(try resolve("03") == ["L/03.md"])
    #expect(try resolve("03-more") == ["L/03-more.md"])
  }

  @Test func anAmbiguousNameListsTheCandidates() {
    #expect(message("01") == "'01' could be any of L/01-first.md, L/01-second.md: give more of the name")
  }

  @Test func anUnknownNameIsNamed() {
    #expect(message("02", "04") == "no lesson '04' in L")
    #expect(message("1") == "no lesson '1' in L", "a name starts a file only up to a dash")
    #expect(message("intro") == "no lesson 'intro' in L")
  }

  /// Every lesson of the course is found by its number alone.
  @Test func everyLessonOfTheCourseByItsNumber() throws {
    let paths = try Course.lessonFiles(in: Paths.root.appendingPathComponent("Lessons").path)
    #expect(paths.count >= 14)
    for path in paths {
      let number = String(path.split(separator: "/").last!.prefix(2))
      #expect(try LessonNames.resolve([number], among: paths, folder: "Lessons") == [path])
    }
  }
}
