/// The words of a page's chrome (navigation, labels, the index's paragraphs) in a page's
/// language; the lessons' own words come from their files.
struct PageWords: Sendable {
  /// The value of `<html lang>` and `hreflang`.
  let languageTag: String
  /// The site's name, after each page's title.
  let site: String
  /// The link to the index.
  let contents: String
  /// The label of a page's table of contents.
  let onThisPage: String
  /// The label of what a cell printed.
  let output: String
  /// The label of an exercise's list of checks.
  let checks: String
  /// Before a check that passed, and one that failed.
  let passes: String
  let fails: String
  /// The line above an exercise's starter, given its name as HTML.
  let exercise: @Sendable (String) -> String
  /// The line above a hidden check, given its exercise's name as HTML.
  let hiddenCheck: @Sendable (String) -> String
  /// The label of the room left to write an answer.
  let answerSpace: String
  /// The fold of a solution.
  let showSolution: String
  /// The index's badge for a lesson with errors.
  let hasErrors: String
  /// The index's first paragraph.
  let lede: String
  /// The index's paragraph on working through the course on one's own machine.
  let onYourMachine: String
  /// The index's licence paragraph.
  let licence: String
  /// The name of this language, as a link to it reads.
  let languageName: String
  /// The label of the link to the page in the other language.
  let languageSwitch: String
  /// The index's note beside a lesson not yet translated.
  let notYetTranslated: String
  /// The index's link to the glossary.
  let glossary: String

  /// The words for pages of `edition`.
  static func of(_ edition: Edition) -> PageWords {
    switch edition {
    case .english: english
    case .chinese: chinese
    }
  }

  static let english = PageWords(
    languageTag: "en", site: "Unrolled", contents: "Contents", onThisPage: "On this page", output: "Output",
    checks: "Checks", passes: "passes: ", fails: "fails: ",
    exercise: { name in
      "Exercise <code>\(name)</code>: the starter, to complete (<code>unrolled practice</code> and "
        + "<code>unrolled check</code>)"
    },
    hiddenCheck: { name in "Hidden check of <code>\(name)</code>" },
    answerSpace: "Room for your answer", showSolution: "Show solution", hasErrors: "has errors",
    lede: "Recurrent neural networks, from one neuron to LSTM and attention, taught by running them.",
    onYourMachine: """
      To work through the course on your own machine: install Swift 6 (swift.org/install), clone the \
      course, and run <code>swift run unrolled serve</code>; edit a lesson and its page runs again. Each lesson \
      from 2 on has an exercise to write yourself: <code>swift run unrolled practice 03</code> writes a copy to \
      work in, and <code>swift run unrolled check practice/03-backpropagation-through-time-by-hand.md</code> \
      runs your code against the lesson's checks.
      """,
    licence: """
      The course's code is under the MIT licence (<code>LICENSE</code>); the lessons' text \
      and figures are under the Creative Commons Attribution-ShareAlike 4.0 licence \
      (<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>, <code>LICENSE-lessons.md</code>): \
      you may copy, adapt and teach from them, naming the course and sharing alike.
      """,
    languageName: "English", languageSwitch: "Language", notYetTranslated: "not yet translated",
    glossary: "Glossary")

  static let chinese = PageWords(
    languageTag: "zh-Hans", site: "Unrolled", contents: "目录", onThisPage: "本页内容", output: "输出",
    checks: "检查", passes: "通过：", fails: "未通过：",
    exercise: { name in
      "练习 <code>\(name)</code>：待补全的起始代码（用 <code>unrolled practice</code> 和 <code>unrolled check</code>）"
    },
    hiddenCheck: { name in "<code>\(name)</code> 的隐藏检查" },
    answerSpace: "答题处", showSolution: "查看解答", hasErrors: "有错误",
    lede: "循环神经网络，从一个神经元讲到 LSTM 和注意力机制，每一步都运行给你看。",
    onYourMachine: """
      在自己的电脑上学习本课程：安装 Swift 6（swift.org/install），克隆课程，运行 \
      <code>swift run unrolled serve</code>；修改一课后，它的页面会重新运行。第 2 课起每课都有一道要你自己写的练习：\
      <code>swift run unrolled practice 03</code> 写出一份练习用的副本，\
      <code>swift run unrolled check practice/03-backpropagation-through-time-by-hand.md</code> \
      用这一课的检查来运行你的代码。
      """,
    licence: """
      课程的代码采用 MIT 许可证（<code>LICENSE</code>）；课文与插图采用知识共享署名—相同方式共享 4.0 许可协议\
      （<a href="https://creativecommons.org/licenses/by-sa/4.0/deed.zh-hans">CC BY-SA 4.0</a>，\
      <code>LICENSE-lessons.md</code>）：你可以复制、改编并用于教学，但须注明出处并以相同方式共享。
      """,
    languageName: "中文", languageSwitch: "语言", notYetTranslated: "尚未翻译", glossary: "术语表")
}
