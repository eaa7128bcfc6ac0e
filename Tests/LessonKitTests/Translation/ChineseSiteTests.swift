import Foundation
import LessonKit
import Testing

/// The Chinese site beside the English one: its pages, index and glossary, the links
/// between the two languages, and the glossary's check of a translation's prose.
@Suite struct ChineseSiteTests {
  /// An English lesson, its translation and a second English lesson not translated, as
  /// lessons with empty runs (pages need no run), and the site made of them.
  static func site() throws -> [String: String] {
    let fixture = Paths.fixtures.appendingPathComponent("translation")
    let english = Course.load(fixture.appendingPathComponent("01-sums.md").path)
    var chinese = Course.load(fixture.appendingPathComponent("zh/01-sums.md").path)
    chinese.edition = .chinese
    let other = LessonParser.parse(
      "# Products\n\nSee [the sums](01-sums.md#top) and ![a figure](figures/f.svg).\n", path: "02-products.md")
    var glossary = LessonParser.parse("# 术语表\n\n| English | 中文 | 不用 |\n|---|---|---|\n", path: "zh/glossary.md")
    glossary.edition = .chinese
    let ran = [english, other, chinese].map { RanLesson(lesson: $0, run: LessonRun()) }
    return SiteWriter.files(for: ran, glossary: glossary)
  }

  @Test func chinesePagesLinkToTheirEnglishCounterparts() throws {
    let files = try Self.site()
    #expect(
      Set(files.keys) == [
        "index.html", "style.css", "01-sums.html", "02-products.html", "zh/index.html", "zh/01-sums.html",
        "zh/glossary.html",
      ])
    let page = try #require(files["zh/01-sums.html"])
    #expect(page.contains("<html lang=\"zh-Hans\">"))
    #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
    #expect(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"../01-sums.html\">"))
    #expect(page.contains("<a href=\"../01-sums.html\" hreflang=\"en\" lang=\"en\">English</a>"))
    #expect(page.contains("<a href=\"index.html\">目录</a>"))
    #expect(!page.contains(">Contents<"))
    let english = try #require(files["01-sums.html"])
    #expect(english.contains("<html lang=\"en\">"))
    #expect(english.contains("<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"zh/01-sums.html\">"))
    #expect(english.contains("<a href=\"zh/01-sums.html\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">中文</a>"))
    // A lesson not translated yet offers the Chinese index, and no alternate page.
    let untranslated = try #require(files["02-products.html"])
    #expect(untranslated.contains("<a href=\"zh/index.html\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">中文</a>"))
    #expect(untranslated.contains("尚未翻译") && !untranslated.contains("rel=\"alternate\""))
    // Links to a lesson file go to its page; figures are shared.
    #expect(untranslated.contains("href=\"01-sums.html#top\"") && untranslated.contains("src=\"figures/f.svg\""))
  }

  @Test func theChineseIndexListsEveryLessonAndTheGlossary() throws {
    let files = try Self.site()
    let index = try #require(files["zh/index.html"])
    #expect(index.contains("<html lang=\"zh-Hans\">"))
    #expect(index.contains("<a href=\"01-sums.html\">累加和</a>"))
    #expect(
      index.contains(
        "<a href=\"../02-products.html\" hreflang=\"en\" lang=\"en\">Products</a> "
          + "<span class=\"untranslated\">尚未翻译</span>"))
    #expect(index.contains("<a href=\"glossary.html\">术语表</a>"))
    #expect(index.contains("<a href=\"../index.html\" hreflang=\"en\" lang=\"en\">English</a>"))
    #expect(
      try #require(files["index.html"]).contains(
        "<a href=\"zh/index.html\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">中文</a>"))
    #expect(try #require(files["zh/glossary.html"]).contains("<html lang=\"zh-Hans\">"))
  }

  /// Without a translation or a glossary the site is English only, as before.
  @Test func anEnglishOnlySiteHasNoLanguageLinks() {
    let lesson = LessonParser.parse("# One\n\nText.\n", path: "01-one.md")
    let files = SiteWriter.files(for: [RanLesson(lesson: lesson, run: LessonRun())])
    #expect(Set(files.keys) == ["index.html", "style.css", "01-one.html"])
    #expect(!(files["01-one.html"] ?? "").contains("中文"))
  }

  /// The glossary names the variants to avoid; only prose is checked, and a variant
  /// inside a glossary term is that term.
  @Test func theGlossaryCatchesVariantsInProseOnly() {
    let glossary = Glossary(
      markdown: """
        # 术语表

        | English | 中文 | 不用 |
        |---|---|---|
        | hidden state | 隐状态 | 隐藏状态、隐层状态 |
        | backpropagation through time | 随时间反向传播 | 时间反向传播 |
        | weight | 权重 | |
        | recurrent neural network | 循环神经网络 | |
        | deep RNN | 深度循环神经网络 | 深层循环神经网络 |
        """)
    #expect(glossary.terms.count == 5)
    #expect(glossary.terms[0].avoid == ["隐藏状态", "隐层状态"])
    var lesson = LessonParser.parse(
      """
      # 课

      隐状态是记忆，随时间反向传播沿着它走。`隐藏状态` 在代码里不算。

      $\\text{隐藏状态}$ 是公式。<!-- 隐藏状态 -->

      ```swift
      let h = 0.0  // 隐藏状态
      ```

      可是这里写了隐藏状态，还写了隐层状态和时间反向传播。循环神经网络对，深层循环神经网络不对。
      """, path: "zh/01-x.md")
    lesson.edition = .chinese
    let found = glossary.misuses(in: lesson, glossaryPath: "zh/glossary.md")
    #expect(found.map(\.line) == [11, 11, 11, 11])
    #expect(
      found.map { $0.message.split(separator: "”")[0] } == ["“隐藏状态", "“隐层状态", "“时间反向传播", "“深层循环神经网络"])
    #expect(found[0].message.contains("write “隐状态” (hidden state; zh/glossary.md)"))
  }

  /// The glossary of the course itself lists the terms the translations use, with the
  /// variants to avoid, and flags none of its own terms.
  @Test func theCoursesGlossaryIsConsistent() throws {
    let glossary = try #require(Glossary.load(folder: Paths.root.appendingPathComponent("Lessons/zh").path))
    #expect(glossary.terms.count >= 50)
    #expect(glossary.terms.first { $0.english == "hidden state" }?.chinese == "隐状态")
    let terms = Set(glossary.terms.map(\.chinese))
    for term in glossary.terms {
      for variant in term.avoid {
        #expect(!terms.contains(variant), "\(variant) is a term and a variant")
      }
    }
  }
}
