import Foundation
import RNN
import Testing

/// Charts and tables: same bytes every time, readable by screen readers, honest about
/// points they cannot draw.
@Suite struct DisplayTests {
  func chart() -> LineChart {
    var chart = LineChart(title: "Loss <per step>", x: "step", y: "loss", logScale: true)
    chart.add("train", [100, 10, 1, 0.1, .nan, 0.01])
    chart.add("test", [50, 20, -1, 3], x: [0, 2, 4, 6])
    return chart
  }

  @Test func lineChartIsDeterministicAndAccessible() {
    let svg = chart().html
    #expect(svg == chart().html)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains("role=\"img\""))
    #expect(svg.contains("<title>Loss &lt;per step&gt;</title>"))
    #expect(svg.contains("train: 5 points, from 100 at 0 to 0.01 at 5; 1 not drawn (not finite or not positive)"))
    #expect(svg.contains("test: 3 points"))
    #expect(svg.contains(">1e-2<"))  // log ticks at powers of ten
    #expect(!svg.contains("nan"))
    #expect(chart().summary == "[line chart: Loss <per step>]")
  }

  /// A title too long for one line at the title's size is set on two, broken at a
  /// space, and everything under it moves down by a line, so nothing is cut off.
  @Test func longTitlesWrapAndPushThePlotDown() {
    let long = "Gradient size k steps back: RNN state and LSTM cell"
    func titleTexts(_ svg: String) -> Int { svg.components(separatedBy: "font-weight=\"600\"").count - 1 }
    func height(_ svg: String) -> Double? {
      guard let box = svg.range(of: "viewBox=\"0 0 ") else { return nil }
      return Double(svg[box.upperBound...].prefix { $0 != "\"" }.split(separator: " ")[1])
    }
    var shortChart = LineChart(title: "Loss", x: "step", y: "loss")
    shortChart.add("train", [3, 2, 1])
    var longChart = shortChart
    longChart.title = long
    #expect(titleTexts(shortChart.html) == 1)
    #expect(titleTexts(longChart.html) == 2)
    #expect(longChart.html.contains(">Gradient size k steps back:</text>"))
    #expect(longChart.html.contains(">RNN state and LSTM cell</text>"))
    #expect(height(longChart.html)! == height(shortChart.html)! + 24)
    for svg in [
      BarChart(title: long, labels: ["a"], values: [1]).html, HeatMap(title: long, values: [[1, 2]]).html,
    ] {
      #expect(titleTexts(svg) == 2)
    }
  }

  /// A Chinese title has no spaces and each character is about twice as wide as a
  /// Latin letter: it still wraps, between characters, never before Chinese
  /// punctuation, and each line fits the chart.
  @Test func chineseTitlesWrapBetweenCharacters() {
    let title = "随机减顺序：各设置、各种子在留出文本上的每字符比特数之差"
    var chart = LineChart(title: title, x: "步", y: "损失")
    chart.add("训练", [3, 2, 1])
    let lines = chart.html.components(separatedBy: "font-weight=\"600\" font-size=\"20\">").dropFirst()
      .map { String($0.prefix { $0 != "<" }) }
    #expect(lines.count == 2)
    #expect(lines.joined() == title)
    for line in lines {
      #expect(Double(line.count) * 20 <= 520 - 24)
      #expect(!["，", "：", "、"].contains(line.first.map(String.init) ?? ""))
    }
  }

  /// Slanted bar labels run down to the left of their bars: the first label of a chart
  /// with long (here Chinese) labels starts inside the chart, and a long upright row
  /// label of a short heat map starts below its top.
  @Test func longLabelsStayInsideTheirCharts() {
    let labels = (0..<9).map { "8 × 25，40k 字符，种子 \(150 + $0)" }
    let bars = BarChart(title: "差", labels: labels, values: (0..<9).map(Double.init)).html
    // The first label is anchored at the x of its turn, and slants at 45° down to the left.
    let anchorX = bars.components(separatedBy: "rotate(-45 ")[1].prefix { $0 != " " }
    let reach = 0.71 * labels[0].reduce(0.0) { $0 + ($1.unicodeScalars.first!.value > 0x2E80 ? 18 : 0.58 * 18) }
    #expect(Double(anchorX)! - reach >= 0)
    let map = HeatMap(title: "掩码", values: [[1, 0], [1, 1]], rows: "台词（以长度标注）", columns: "步 t").html
    let labelY = map.components(separatedBy: "rotate(-90 ").last!.split(separator: " ")[1].prefix { $0 != ")" }
    #expect(Double(labelY)! - 9 * 18 / 2 >= 0)
  }

  @Test func gapsBreakTheLine() {
    let svg = chart().html
    // The NaN splits "train" into two sub-paths: a second "M" inside the same path.
    let path = svg.components(separatedBy: "<path d=\"")[1].prefix { $0 != "\"" }
    #expect(path.filter { $0 == "M" }.count == 2)
  }

  @Test func longSeriesAreThinnedButKeepTheirExtremes() {
    var y = (0..<10_000).map { Double($0 % 7) }
    y[4321] = 1000
    let svg = LineChart(title: "t", x: "x", y: "y", series: [Series("s", y)]).html
    #expect(svg.utf8.count < 40_000)
    let path = svg.components(separatedBy: "<path d=\"")[1].prefix { $0 != "\"" }
    #expect(path.split(separator: "L").count <= 1001)
    #expect(svg.contains("s: 10000 points, from 0 at 0 to 3 at 9999"))
    #expect(path.contains(" 52.7 "), "the spike must reach the top of the plot")
  }

  @Test func heatMapScales() {
    let map = HeatMap(title: "h", values: [[-1, 0, 0.5]], rows: "unit", columns: "t")
    #expect(map.html.contains("fill=\"#ffffff\""))  // zero is white on a diverging scale
    #expect(map.html.contains("fill=\"#2166ac\""))  // -1 is the full blue
    #expect(map.html.contains("values from -1 to 0.5"))
    let image = HeatMap(title: "digit", matrix: Matrix([[0, 1], [1, 0]]))
    #expect(image.html.contains("fill=\"#08306b\""))  // one sign: white to dark blue
  }

  @Test func textTakesThePageColourAndIsLargeEnoughForAPhone() throws {
    let displays: [any Displayable] = [
      chart(), HeatMap(title: "h", values: [[-1, 1]]), BarChart(title: "b", labels: ["a"], values: [1], y: "v"),
    ]
    for display in displays {
      let svg = display.html
      #expect(svg.contains("role=\"img\" fill=\"currentColor\""), "text inherits the page's colour")
      #expect(!svg.contains("#000") && !svg.contains("black"))
      // At a 360-pixel phone a chart is about 340 pixels wide: its text must stay at 11 or more.
      let open = try #require(svg.range(of: "viewBox=\"0 0 ")).upperBound
      let width = try #require(Double(svg[open...].prefix { $0 != " " }))
      #expect(18 / width * 340 >= 11)
      #expect(svg.contains("font-size=\"18\""))
    }
  }

  @Test func seriesDifferByDashAsWellAsColour() {
    var chart = LineChart(title: "t", x: "x", y: "y")
    for name in ["a", "b", "c"] { chart.add(name, [1, 2, 3]) }
    let svg = chart.html
    #expect(svg.contains("stroke=\"#1f77b4\" stroke-width=\"2\"/>"))
    #expect(svg.contains("stroke=\"#e8710a\" stroke-width=\"2\" stroke-dasharray=\"9 5\"/>"))
    #expect(svg.contains("stroke=\"#2ca02c\" stroke-width=\"2\" stroke-dasharray=\"2 4\"/>"))
  }

  @Test func scriptsInLabelsAreSetAsScripts() {
    let chart = LineChart(title: "Size of σ_max(∂h_T/∂h_{T-k})", x: "k", y: "0.5^k")
    let svg = chart.html
    #expect(svg.contains("σ<tspan baseline-shift=\"sub\" font-size=\"75%\">max</tspan>(∂h"))
    #expect(svg.contains("∂h<tspan baseline-shift=\"sub\" font-size=\"75%\">T−k</tspan>)"))
    #expect(svg.contains("0.5<tspan baseline-shift=\"super\" font-size=\"75%\">k</tspan>"))
    // The title a screen reader hears is left as written.
    #expect(svg.contains("<title>Size of σ_max(∂h_T/∂h_{T-k})</title>"))
  }

  @Test func aLogAxisUnderTwoDecadesHasTicksBetweenPowersOfTen() {
    let chart = LineChart(title: "t", x: "x", y: "y", logScale: true, series: [Series("s", [0.15, 0.3, 0.9, 4])])
    let svg = chart.html
    for tick in [">0.2<", ">0.5<", ">1<", ">2<"] { #expect(svg.contains(tick), "tick \(tick)") }
  }

  @Test func barChartAndTable() {
    let bars = BarChart(title: "Accuracy", labels: ["rnn", "lstm"], values: [0.5, 0.875], y: "accuracy")
    #expect(bars.html.contains("<desc>Bar chart, accuracy: rnn 0.500, lstm 0.875.</desc>"))
    let table = Table("Results", header: ["model", "mse"], rows: [["rnn <1>", "0.123"]])
    #expect(table.html.contains("<td>rnn &lt;1&gt;</td><td class=\"number\">0.123</td>"))
    #expect(table.html.contains("<caption>Results</caption>"))
  }
}
