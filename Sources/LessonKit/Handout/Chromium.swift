import Foundation

/// Headless Chromium, for printing handouts to PDF (and for the browser checks).
public enum Chromium {
  /// What to tell someone who does not have it.
  public static let installHint =
    "headless Chromium is needed to print handouts, and it was not found. On Debian or Ubuntu install it with\n"
    + "    sudo apt-get install chromium\n"
    + "or set UNROLLED_CHROMIUM to the browser's path."

  /// The browser's path: `UNROLLED_CHROMIUM`, or the first of the usual names on `PATH`
  /// (both read from `environment`).
  public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    if let explicit = environment["UNROLLED_CHROMIUM"], !explicit.isEmpty {
      return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
    }
    let path = environment["PATH"] ?? "/usr/bin:/bin"
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
      for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }

  /// Prints `page` (an HTML file) to `pdf` with the page's print stylesheet, A4, no
  /// browser header or footer.
  public static func printToPDF(browser: String, page: URL, pdf: URL, work: URL) throws {
    let log = work.appendingPathComponent("chromium.log")
    let end = try Subprocess.run(
      [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
        "--user-data-dir=\(work.appendingPathComponent("profile").path)", "--print-to-pdf=\(pdf.path)",
        page.absoluteString,
      ], stdout: log, stderr: log, timeLimit: 120, workingDirectory: work)
    guard end == .exited(0), FileManager.default.fileExists(atPath: pdf.path) else {
      let text = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
      throw SetupError("Chromium could not print \(page.lastPathComponent) (\(end)):\n\(text.suffix(2000))")
    }
  }
}
