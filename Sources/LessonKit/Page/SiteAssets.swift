import Foundation

/// The files a site carries besides its pages and stylesheet, copied byte for byte: the
/// math font every `<math>` is set in, and its licence.
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

  /// The assets by name in the site; throws, naming the package to install, when the
  /// font is missing.
  public static func load() throws -> [String: Data] {
    var assets: [String: Data] = [:]
    for (name, path) in [(mathFontName, mathFontPath), (mathFontLicenceName, mathFontLicencePath)] {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw SetupError(
          "the site's math font is missing: \(path) is not there. "
            + "Run scripts/install-dependencies (it installs Debian's fonts-texgyre-math)")
      }
      assets[name] = data
    }
    return assets
  }
}
