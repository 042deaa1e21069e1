import Foundation
import Rendering
import Testing

@Suite struct LossChartTests {
  @Test func asciiFallingLineWithEpochTickAndMark() {
    let chart = LossChart(
      values: [3, 2, 1, 0], epochBoundaries: [2], marks: [ChartMark(index: 1, symbol: "!")],
      style: .ascii)
    #expect(
      chart.render(width: 10, height: 5) == [
        "3+**:     ",
        " |  **    ",
        " |  : *** ",
        "0+  :    *",
        " +--!--+--",
      ])
  }

  /// A `set lr=` at point 6 of 10: `^` on the axis and a dotted line up through the empty
  /// cells of its column, in braille and in ASCII.
  @Test func settingChangeMarkIsAVerticalLine() {
    let values: [Double] = [4, 4, 4, 4, 4, 4, 1, 1, 1, 1]
    let mark = ChartMark(index: 6, symbol: "^", label: "lr 0.01 → 0.001 at step 7")
    let ascii = LossChart(values: values, marks: [mark], style: .ascii).render(width: 12, height: 4)
    #expect(ascii == ["4+******:   ", " |      :   ", "1+      ****", " +------^---"])
    let braille = LossChart(values: values, marks: [mark], style: .braille)
      .render(width: 12, height: 4)
    #expect(braille.last == " └──────^───")
    #expect(braille.dropLast().allSatisfy { Array($0)[8] != " " })
    let blocks = LossChart(values: values, marks: [mark], style: .blocks)
      .render(width: 12, height: 4)
    #expect(blocks.map { Array($0)[8] } == ["┊", "┊", "▁", "^"])
  }

  @Test func brailleRisingLine() {
    let chart = LossChart(values: [0, 1], style: .braille)
    #expect(chart.render(width: 4, height: 2) == ["1┤⡠⠊", " └──"])
  }

  @Test func blocksFillFromTheBottom() {
    let chart = LossChart(values: [0, 1], style: .blocks)
    #expect(chart.render(width: 4, height: 2) == ["1┤▁█", " └──"])
  }

  @Test func expectedCountFillsFromTheLeft() {
    let chart = LossChart(values: [1, 0], expectedCount: 5, style: .ascii)
    #expect(chart.render(width: 7, height: 3) == ["1+*    ", "0+ *   ", " +-----"])
  }

  @Test func emptySeriesDrawsOnlyTheAxes() {
    #expect(LossChart(values: []).render(width: 6, height: 3) == ["│     ", "│     ", "└─────"])
  }

  @Test func fixedRangeAndLabels() {
    let chart = LossChart(values: [0.4], style: .ascii, yRange: 0...1)
    #expect(chart.render(width: 6, height: 3) == ["1+    ", "0+*   ", " +----"])
    #expect(LossChart.axisLabel(2.3059) == "2.31")
    #expect(LossChart.axisLabel(0.00123) == "0.00123")
  }

  @Test(arguments: [(0, 0), (3, 1), (2, 2), (80, 1), (5, 24)])
  func everyLineHasTheRequestedWidth(width: Int, height: Int) {
    let values = (0..<300).map { 2.3 * exp(-Double($0) / 80) }
    for style in ChartStyle.allCases {
      let lines = LossChart(values: values, style: style).render(width: width, height: height)
      #expect(lines.count == (width > 0 ? height : 0))
      #expect(lines.allSatisfy { $0.count == width })
    }
  }
}
