import Foundation

/// The files a site carries besides its pages and stylesheet, copied byte for byte: the
/// math font every `<math>` is set in, its licence, and the figures lessons show
/// (`Lessons/figures/*.svg`, written to `figures/` in the site, where a lesson's
/// `![description](figures/NAME.svg)` finds them).
///
/// The font is TeX Gyre Pagella Math, a free font with an OpenType MATH table (the table
/// a browser needs to place subscripts, fractions, radicals and stretchy brackets), from
/// Debian's `fonts-texgyre-math` package, which `scripts/install-dependencies` installs.
/// Debian's stable release fixes the file's bytes, so every build writes the same site.
public enum SiteAssets {
  /// The name of the math font in the site, as the stylesheet's `@font-face` names it.
  public static let mathFontName = "texgyrepagella-math.otf"

  /// The name of the font's licence in the site.
  public static let mathFontLicenceName = "GUST-FONT-LICENSE.txt"

  /// Where Debian's package puts the font.
  static let mathFontPath = "/usr/share/texmf/fonts/opentype/public/tex-gyre-math/texgyrepagella-math.otf"

  /// Where Debian's package puts the font's licence.
  static let mathFontLicencePath = "/usr/share/texmf/doc/fonts/tex-gyre-math/GUST-FONT-LICENSE.txt"

  /// The folder of figures, in the lessons folder and in the site.
  public static let figuresFolder = "figures"

  /// The figures in `lessons`'s `figures` folder, by their name in the site
  /// (`figures/NAME.svg`); none when it has no such folder.
  public static func figures(in lessons: URL) -> [String: Data] {
    let folder = lessons.appendingPathComponent(figuresFolder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var figures: [String: Data] = [:]
    for name in names where name.hasSuffix(".svg") && !name.hasPrefix(".") {
      if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
        figures["\(figuresFolder)/\(name)"] = data
      }
    }
    return figures
  }

  /// The assets by name in the site: the font, its licence, and the figures of the
  /// lessons folder `lessons` when given; throws, naming the package to install, when
  /// the font is missing.
  public static func load(lessons: URL? = nil) throws -> [String: Data] {
    var assets: [String: Data] = [:]
    for (name, path) in [(mathFontName, mathFontPath), (mathFontLicenceName, mathFontLicencePath)] {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw SetupError(
          "the site's math font is missing: \(path) is not there. "
            + "Run scripts/install-dependencies (it installs Debian's fonts-texgyre-math)")
      }
      assets[name] = data
    }
    if let lessons { assets.merge(figures(in: lessons)) { font, _ in font } }
    return assets
  }
}
