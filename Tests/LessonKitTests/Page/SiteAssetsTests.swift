import Foundation
import LessonKit
import Testing

@Suite struct SiteAssetsTests {
  /// The OpenType table tags of a font file, read from its table directory.
  private func tableTags(_ font: Data) -> [String] {
    let bytes = [UInt8](font)
    guard bytes.count > 12 else { return [] }
    let count = Int(bytes[4]) << 8 | Int(bytes[5])
    return (0..<count).compactMap { i in
      let start = 12 + 16 * i
      guard start + 4 <= bytes.count else { return nil }
      return String(decoding: bytes[start..<start + 4], as: UTF8.self)
    }
  }

  @Test func theMathFontHasAMathTableAndTheStylesheetSetsEveryFormulaInIt() throws {
    let assets = try SiteAssets.load()
    let font = try #require(assets[SiteAssets.mathFontName])
    #expect(tableTags(font).contains("MATH"))
    #expect(
      assets[SiteAssets.mathFontLicenceName].map { String(decoding: $0, as: UTF8.self) }?
        .contains("GUST Font License") == true)
    #expect(Stylesheet.css.contains("src: url(\"\(SiteAssets.mathFontName)\")"))
    #expect(Stylesheet.css.contains("math { font-family: \"Unrolled Math\""))
  }

  @Test func assetsAreWrittenByteForByteAndCheckedLikePages() throws {
    let temporary = try TemporaryFolder()
    let folder = temporary("site")
    let files = ["index.html": "<p>index</p>"]
    let assets = ["font.otf": Data([0, 1, 2, 255])]
    try SiteWriter.write(files, assets: assets, to: folder)
    #expect(
      FileManager.default.contents(atPath: folder.appendingPathComponent("font.otf").path) == Data([0, 1, 2, 255]))
    #expect(SiteWriter.differences(files, assets: assets, in: folder).isEmpty)
    #expect(SiteWriter.differences(files, in: folder) == [".unrolled-site", "font.otf (not part of the site)"])
    #expect(SiteWriter.differences(files, assets: ["font.otf": Data([0])], in: folder) == ["font.otf"])
    // A later build may replace the folder: the marker lists the asset.
    try SiteWriter.write(files, to: folder)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("font.otf").path))
  }

  @Test func aLessonsFiguresAreCopiedIntoTheSitesFiguresFolder() throws {
    let temporary = try TemporaryFolder()
    let lessons = temporary("Lessons")
    let figures = lessons.appendingPathComponent("figures")
    try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
    let svg = Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)
    try svg.write(to: figures.appendingPathComponent("cell.svg"))
    try Data("notes".utf8).write(to: figures.appendingPathComponent("notes.txt"))
    let assets = try SiteAssets.load(lessons: lessons)
    #expect(assets["figures/cell.svg"] == svg)
    #expect(assets["figures/notes.txt"] == nil)
    let site = temporary("site")
    let files = ["index.html": "<img src=\"figures/cell.svg\" alt=\"a cell\">"]
    try SiteWriter.write(files, assets: assets, to: site)
    #expect(FileManager.default.contents(atPath: site.appendingPathComponent("figures/cell.svg").path) == svg)
    #expect(SiteWriter.differences(files, assets: assets, in: site).isEmpty)
    // The next build replaces a site with a figures folder; a figure gone is a difference.
    #expect(SiteWriter.differences(files, in: site).contains("figures/cell.svg (not part of the site)"))
    try SiteWriter.write(files, assets: assets, to: site)
    try SiteWriter.write(files, to: site)
    #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("figures/cell.svg").path))
  }
}
