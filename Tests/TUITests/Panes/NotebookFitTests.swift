import Rendering
import Testing

/// How wide text fits the notebook: aligned blocks narrowed without losing their alignment,
/// cut lines scrolled sideways, and the newest command's cell kept in view.
@Suite struct NotebookFitTests {
  let table: [StyledLine] = [
    StyledLine("  #  layer        params      RF", fit: .cut),
    StyledLine("  1  conv 8 3         80     3x3", fit: .cut),
    StyledLine("  2  maxpool 2         0     4x4", fit: .cut),
  ]

  @Test func aBlockIsNarrowedColumnByColumn() {
    #expect(ColumnSqueeze.fit(table, width: 80) == table, "a block that fits is left alone")
    let two = ColumnSqueeze.fit(table, width: 28).map(\.text)
    #expect(two == ["  #  layer      params   RF", "  1  conv 8 3       80  3x3", "  2  maxpool 2       0  4x4"])
    let one = ColumnSqueeze.fit(table, width: 22).map(\.text)
    #expect(one == [" # layer     params  RF", " 1 conv 8 3      80 3x3", " 2 maxpool 2      0 4x4"])
    #expect(ColumnSqueeze.fit(table, width: 10).allSatisfy { $0.fit == .cut })
  }

  @Test func cutLinesScrollSideways() {
    let line = StyledLine("0123456789abcdef", fit: .cut)
    #expect(line.shifted(by: 0, width: 8).text == "0123456…")
    #expect(line.shifted(by: 4, width: 8).text == "…56789a…")
    #expect(line.shifted(by: 8, width: 8).text == "…9abcdef")
    var pane = NotebookPane(cells: [NotebookCell(number: 1, command: "x", output: [line])])
    pane.shift(by: 100, width: 8)
    #expect(pane.shift == 8, "no further than the last column")
    #expect(pane.render(width: 8, height: 3).map(\.text).contains("…9abcdef"))
    var fits = NotebookPane(cells: [NotebookCell(number: 1, command: "x", output: [StyledLine("12345678", fit: .cut)])])
    fits.shift(by: 4, width: 8)
    #expect(fits.shift == 0, "a table that fits does not move")
  }

  /// Comment notes after a command (a demo's next step) never push its first line away.
  @Test func notesAfterACommandKeepItsFirstLineInView() {
    var pane = NotebookPane()
    pane.append(NotebookCell(number: 1, command: "summary", output: (1...4).map { StyledLine("row \($0)") }))
    pane.append(NotebookCell(number: nil, command: "", output: ["# the next step", "# explained"]))
    #expect(pane.render(width: 40, height: 5).first?.text == "[1] summary")
  }

  @Test func chartsNameTheirAxisLabelEpochsAndMarkPoints() {
    let chart = LossChart(
      values: [1, 0.8, 0.6, 0.5, 0.4, 0.3], expectedCount: 8, epochBoundaries: [4], style: .ascii,
      yRange: 0...1, points: [ChartPoint(index: 3, value: 0.5)], title: "accuracy %",
      xLabels: true, labelScale: 100, labelSuffix: "%")
    let lines = chart.render(width: 30, height: 6)
    #expect(lines.count == 6 && lines.allSatisfy { $0.count == 30 })
    #expect(lines[0].hasPrefix("accuracy %"))
    #expect(lines[1].hasPrefix("100%+"))
    #expect(lines[3].hasPrefix("  0%+"))
    #expect(lines.dropFirst().dropLast(2).contains { $0.contains("o") }, "the point")
    #expect(lines[5].contains(" 0 ") && lines[5].contains("ep2") && lines[5].hasSuffix("8 steps"))
  }
}
