import Foundation
import Testing

@testable import LessonKit

#if canImport(Glibc)
  import Glibc
#endif

/// The preview server's answers, without opening a socket.
@Suite struct PreviewServerTests {
  func site() throws -> URL {
    let folder = try lastingTemporaryFolder("unrolled-serve")
    try Data("<html><body>hi</body></html>".utf8).write(to: folder.appendingPathComponent("index.html"))
    try Data("body{}".utf8).write(to: folder.appendingPathComponent("style.css"))
    return folder
  }

  @Test func pagesGetTheReloadScriptAndTheVersionIsServed() throws {
    let root = try site()
    let page = PreviewServer.response(for: "/", root: root, version: 3)
    #expect(page.status == "200 OK")
    let text = String(decoding: page.body, as: UTF8.self)
    #expect(text.contains("if (v !== \"3\")"))
    #expect(text.hasSuffix("</script>\n</body></html>"))
    let version = PreviewServer.response(for: "/__unrolled/version", root: root, version: 3)
    #expect(String(decoding: version.body, as: UTF8.self) == "3")
    #expect(PreviewServer.response(for: "/style.css?x=1", root: root, version: 0).type == "text/css; charset=utf-8")
  }

  /// A site folder with a secret beside it, a `.git/config` inside it and links out.
  func siteWithNeighbours() throws -> (root: URL, secret: String) {
    let parent = try lastingTemporaryFolder("unrolled-escape")
    let root = parent.appendingPathComponent("site")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
    let secret = "secret-\(UUID().uuidString)"
    try Data(secret.utf8).write(to: parent.appendingPathComponent("secret.txt"))
    try Data(secret.utf8).write(to: root.appendingPathComponent(".git/config"))
    try Data("<html><body>page</body></html>".utf8).write(to: root.appendingPathComponent("lessons/01.html"))
    let links = FileManager.default
    try links.createSymbolicLink(
      atPath: root.appendingPathComponent("secret-link.txt").path, withDestinationPath: "../secret.txt")
    try links.createSymbolicLink(atPath: root.appendingPathComponent("up").path, withDestinationPath: "..")
    try links.createSymbolicLink(
      atPath: root.appendingPathComponent("passwd-link").path, withDestinationPath: "/etc/passwd")
    // A link to a page inside the site is refused too: only regular files are served.
    try links.createSymbolicLink(
      atPath: root.appendingPathComponent("inside.html").path, withDestinationPath: "lessons/01.html")
    return (root, secret)
  }

  @Test func nothingOutsideTheSiteNorHiddenNorLinkedIsServed() throws {
    let (root, secret) = try siteWithNeighbours()
    let escapes = [
      "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%252e%252e/secret.txt", "/..%2fsecret.txt",
      "/lessons/../../secret.txt", "/lessons/%2e%2e/%2e%2e/secret.txt", "/.git/config", "/%2egit/config",
      "/%252egit/config", "/lessons/../.git/config", "/secret-link.txt", "/up/secret.txt", "/up/site/.git/config",
      "/%75p/secret.txt", "/passwd-link", "/inside.html", "/lessons", "/lessons/",
    ]
    for target in escapes {
      let answer = PreviewServer.response(for: target, root: root, version: 0)
      let body = String(decoding: answer.body, as: UTF8.self)
      #expect(answer.status.hasPrefix("404") || answer.status.hasPrefix("400"), "\(target): \(answer.status)")
      #expect(!body.contains(secret) && !body.contains("root:"), "\(target) served a file outside the site")
    }
    let page = PreviewServer.response(for: "/lessons/01.html", root: root, version: 0)
    #expect(page.status == "200 OK")
    #expect(String(decoding: page.body, as: UTF8.self).contains("page"))
    #expect(PreviewServer.response(for: "/lessons/%30%31.html", root: root, version: 0).status == "200 OK")
    #expect(PreviewServer.response(for: "/%zz", root: root, version: 0).status.hasPrefix("400"))
  }

  @Test func theSameEscapesFailOverASocket() throws {
    let (server, folder) = try startPreview()
    defer { server.stop() }
    let secret = "secret-\(UUID().uuidString)"
    try Data(secret.utf8).write(to: folder.appendingPathComponent("secret.txt"))
    let root = folder.appendingPathComponent("site")
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("link").path, withDestinationPath: "../secret.txt")
    for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/%252e%252e/secret.txt", "/link", "/./../secret.txt"] {
      let answer = try PreviewClient.request(target, port: server.listeningPort) ?? "timed out"
      #expect(answer.hasPrefix("HTTP/1.1 404 ") && !answer.contains(secret), "\(target): \(answer)")
    }
    #expect(try PreviewClient.request("/", port: server.listeningPort)?.hasPrefix("HTTP/1.1 200 OK") == true)
  }
}

/// What `serve` watches, and how `handout` finds the browser.
@Suite struct PreviewAndHandoutTests {
  @Test func savingALessonChangesTheFingerprint() throws {
    let folder = try lastingTemporaryFolder("unrolled-watch")
    let lesson = folder.appendingPathComponent("01-a.md")
    try Data("# A\n".utf8).write(to: lesson)
    let before = try PreviewServer.fingerprint(of: [folder.path])
    #expect(try before == PreviewServer.fingerprint(of: [folder.path]))
    try Data("# A, edited\n".utf8).write(to: lesson)
    #expect(try before != PreviewServer.fingerprint(of: [folder.path]))
    let edited = try PreviewServer.fingerprint(of: [folder.path])
    try Data("# B\n".utf8).write(to: folder.appendingPathComponent("02-b.md"))
    #expect(try PreviewServer.fingerprint(of: [folder.path]).count == edited.count + 1)
  }

  @Test func anEditKeepingSizeAndModificationTimeChangesTheFingerprint() throws {
    let folder = try lastingTemporaryFolder("unrolled-watch")
    let lesson = folder.appendingPathComponent("01-a.md").path
    #expect(FileManager.default.createFile(atPath: lesson, contents: Data("# A\n".utf8)))
    var written = stat()
    #expect(stat(lesson, &written) == 0)
    let before = try PreviewServer.fingerprint(of: [folder.path])
    // Same size, written in place (same inode), and the modification time put back to
    // the nanosecond: only the contents tell the edit apart.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: lesson))
    try handle.write(contentsOf: Data("# B\n".utf8))
    try handle.close()
    var times = [written.st_atim, written.st_mtim]
    #expect(utimensat(AT_FDCWD, lesson, &times, 0) == 0)
    var edited = stat()
    #expect(stat(lesson, &edited) == 0)
    #expect(edited.st_size == written.st_size && edited.st_ino == written.st_ino)
    #expect(edited.st_mtim.tv_sec == written.st_mtim.tv_sec && edited.st_mtim.tv_nsec == written.st_mtim.tv_nsec)
    #expect(try before != PreviewServer.fingerprint(of: [folder.path]))
  }

  @Test func chromiumIsFoundOnThePathOrNamedExplicitly() throws {
    let folder = try lastingTemporaryFolder("unrolled-bin")
    let browser = folder.appendingPathComponent("chromium").path
    #expect(FileManager.default.createFile(atPath: browser, contents: Data("#!/bin/sh\n".utf8)))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
    #expect(Chromium.find(environment: ["PATH": "/nonexistent:\(folder.path)"]) == browser)
    #expect(Chromium.find(environment: ["PATH": "/nonexistent"]) == nil)
    #expect(Chromium.find(environment: ["UNROLLED_CHROMIUM": "/nonexistent/chromium", "PATH": folder.path]) == nil)
    #expect(Chromium.installHint.contains("sudo apt-get install chromium"))
  }
}
