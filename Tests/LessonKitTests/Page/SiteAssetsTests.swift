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
}
