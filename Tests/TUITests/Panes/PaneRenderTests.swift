import Rendering
import Testing

@Suite struct PaneRenderTests {
  let cells = [
    NotebookCell(number: 1, command: "conv 8 3", output: ["ok"]),
    NotebookCell(number: 2, command: "relu", output: [StyledLine("error: x", style: .error)]),
  ]

  @Test func notebookShowsTheNewestLines() {
    let pane = NotebookPane(cells: cells)
    #expect(pane.render(width: 20, height: 3).map(\.text) == ["ok", "[2] relu", "error: x"])
    #expect(pane.render(width: 20, height: 3)[2].spans[0].style == .error)
  }

  @Test func notebookScrollsAndSaysSo() {
    var pane = NotebookPane(cells: cells)
    pane.scroll(by: 1, width: 40, height: 3)
    #expect(pane.top == 0)
    #expect(
      pane.render(width: 40, height: 3).map(\.text)
        == ["[1] conv 8 3", "ok", "-- 2 more lines below: PgDn, Ctrl-Down …"])
    pane.scroll(by: 10, width: 40, height: 3)
    #expect(pane.top == 0)
    pane.scroll(by: -5, width: 40, height: 3)
    #expect(pane.top == nil)
  }

  /// A cell taller than the pane shows its first line when it lands, and says how many follow;
  /// paging reaches its last line.
  @Test func aTallNewCellShowsItsTop() {
    var pane = NotebookPane(cells: cells)
    pane.append(NotebookCell(number: 3, command: "summary", output: (1...10).map { StyledLine("row \($0)") }))
    let shown = pane.render(width: 40, height: 5).map(\.text)
    #expect(shown.first == "[3] summary")
    #expect(shown.last == "-- 7 more lines of this cell: PgDn, Ctr…")
    var seen = Set(shown)
    for _ in 0..<5 {
      pane.scroll(by: -4, width: 40, height: 5)
      seen.formUnion(pane.render(width: 40, height: 5).map(\.text))
    }
    #expect((1...10).allSatisfy { seen.contains("row \($0)") })
    pane.append(NotebookCell(number: 4, command: "relu"))
    #expect(pane.top == nil)
  }

  @Test func cellJumpsGoToFirstLines() {
    var pane = NotebookPane(cells: cells)
    pane.append(NotebookCell(number: 3, command: "x", output: ["a", "b", "c"]))
    pane.jump(cells: -1, width: 40, height: 2)
    #expect(pane.render(width: 40, height: 2).first?.text == "[2] relu")
    pane.jump(cells: -1, width: 40, height: 2)
    #expect(pane.render(width: 40, height: 2).first?.text == "[1] conv 8 3")
    pane.jump(cells: 2, width: 40, height: 2)
    #expect(pane.render(width: 40, height: 2).first?.text == "[3] x")
  }

  @Test func notebookFooterCoversTheLastRows() {
    var pane = NotebookPane(cells: cells)
    pane.footer = ["conv  convt"]
    #expect(pane.render(width: 20, height: 3).map(\.text) == ["ok", "[2] relu", "conv  convt"])
  }

  @Test func proseWrapsAtWordsAndKeepsItsIndent() {
    let help = StyledLine("  starts a training of the model")
    #expect(
      help.wrapped(width: 14).map(\.text) == ["  starts a", "  training of", "  the model"])
    #expect(StyledLine("abcdef").wrapped(width: 4).map(\.text) == ["abcd", "ef"])
    #expect(StyledLine("日本語").wrapped(width: 5).map(\.text) == ["日本", "語"])
    #expect(StyledLine("日本語").truncated(width: 3).text == "日")
    #expect(TextWidth.columns(of: "e\u{301}") == 1)
    let styled = StyledLine(spans: [StyledSpan("error:", style: .error), StyledSpan(" a b c")])
    #expect(styled.wrapped(width: 8).first?.spans.first?.style == .error)
  }

  @Test func tableRowsAreCutNotWrapped() {
    let row = StyledLine("  1  conv 32 3 relu   26x26x32   320", fit: .cut)
    #expect(row.fitted(width: 20).map(\.text) == ["  1  conv 32 3 relu…"])
    #expect(row.fitted(width: 80) == [row])
  }

  @Test func inputLineCursorInColumns() {
    let plain = InputLineView.render(prompt: "> ", buffer: Array("conv 8 3".utf8), point: 8, width: 80)
    #expect(plain == InputLineView(text: "> conv 8 3", cursorColumn: 10))
    let wide = InputLineView.render(prompt: "> ", buffer: Array("日本".utf8), point: 3, width: 80)
    #expect(wide == InputLineView(text: "> 日本", cursorColumn: 4))
    let control = InputLineView.render(prompt: "> ", buffer: [1, 0x61], point: 1, width: 80)
    #expect(control == InputLineView(text: "> ^Aa", cursorColumn: 4))
  }

  @Test func inputLineScrollsHorizontally() {
    let view = InputLineView.render(prompt: "> ", buffer: Array("abcdefghij".utf8), point: 10, width: 8)
    #expect(view == InputLineView(text: "defghij", cursorColumn: 7))
    let middle = InputLineView.render(prompt: "> ", buffer: Array("abcdefghij".utf8), point: 2, width: 8)
    #expect(middle == InputLineView(text: "> abcdef", cursorColumn: 4))
  }

  @Test func statusLinePutsHintsOnTheRight() {
    let fields = StatusFields(dataset: "mnist", model: "1,234 params")
    let line = StatusLine.render(fields, preview: nil, width: 40, charset: .unicode)
    #expect(line.text == "mnist │ 1,234 params  F1 help F2-F4 view")
    #expect(StatusLine.render(fields, preview: nil, width: 12, charset: .ascii).text == "mnist | 1,23")
    #expect(StatusLine.render(fields, preview: "+ relu", width: 10, charset: .ascii).text == "+ relu")
  }

  @Test func progressLineDropsFieldsWhenNarrow() {
    let d = TrainingDisplay(
      epoch: 1, epochs: 2, step: 5, stepsPerEpoch: 10, imagesPerSecond: 100, etaSeconds: 65,
      loss: [0.5])
    #expect(
      TrainingPane.progressLine(d, width: 60, charset: .ascii)
        == "ep 1/2 [####..............] 5/10 100 img/s ETA 1:05 loss 0.5")
    #expect(TrainingPane.progressLine(d, width: 20, charset: .ascii) == "ep 1/2 [#.....] 5/10")
    #expect(TrainingPane.duration(3725) == "1:02:05")
  }

  @Test func idleTrainingPaneIsOneLine() {
    #expect(
      TrainingPane.render(nil, width: 80, height: 1, charset: .ascii).map(\.text)
        == ["training: none yet (`train` starts one; F6 hides this line)"])
    var done = TrainingDisplay(epoch: 2, epochs: 2, step: 10, stepsPerEpoch: 10, state: "done")
    done.epochLine = "epoch 2/2  loss 0.1  test acc 97.00%"
    #expect(
      TrainingPane.render(done, width: 80, height: 1, charset: .ascii).map(\.text)
        == ["training done: epoch 2/2  loss 0.1  test acc 97.00%"])
  }

  /// Title, progress, the last epoch's line, then a chart that names its axis, labels its x
  /// axis and marks the test loss.
  @Test func trainingPaneKeepsTheEpochLineAndLabelsTheChart() {
    var d = TrainingDisplay(
      epoch: 2, epochs: 2, step: 1, stepsPerEpoch: 4, loss: [2, 1.5, 1, 0.8, 0.6],
      expectedPoints: 8, epochBoundaries: [4])
    d.epochLine = "epoch 1/2  loss 1.3  test loss 0.9"
    d.testLoss = [ChartPoint(index: 3, value: 0.9)]
    let lines = TrainingPane.render(d, width: 60, height: 9, charset: .ascii).map(\.text)
    #expect(lines.count == 9)
    #expect(lines[0].hasPrefix("-- training --"))
    #expect(lines[1].hasPrefix("ep 2/2 ["))
    #expect(lines[2] == "epoch 1/2  loss 1.3  test loss 0.9")
    #expect(lines[3].hasPrefix("loss (linear; running mean of 1 step) o test"))
    #expect(lines.contains { $0.contains("o") && $0.contains("|") || $0.contains("+") && $0.contains("o") })
    #expect(lines[8].contains(" 0 ") && lines[8].contains("ep2") && lines[8].hasSuffix("8 steps"), "\(lines)")
  }

  @Test func runningMeanAveragesATrailingWindow() {
    #expect(TrainingPane.runningMean([1, 3, 5, 7], window: 2) == [1, 2, 4, 6])
    #expect(TrainingPane.runningMean([4, .nan, 2], window: 3) == [4, 4, 10.0 / 3])
  }

  @Test func textTableDropsColumnsBeforeCuttingNumbers() {
    let table = TextTable(
      columns: [
        .init("#", rightAligned: true), .init("layer"),
        .init("params", rightAligned: true, dropOrder: 2),
        .init("RF", rightAligned: true, dropOrder: 1),
      ],
      rows: [["1", "conv 32 3 relu", "320", "3x3"], ["2", "maxpool 2", "0", "4x4"]], flexible: 1)
    let full = table.layout(width: 80)
    #expect(full.header == "#  layer           params   RF")
    #expect(full.rows == ["1  conv 32 3 relu     320  3x3", "2  maxpool 2            0  4x4"])
    let narrow = table.layout(width: 26)
    #expect(narrow.dropped == ["RF"])
    #expect(narrow.rows[0] == "1  conv 32 3 relu     320")
    let narrower = table.layout(width: 18)
    #expect(narrower.dropped == ["params", "RF"])
    #expect(narrower.rows[0] == "1  conv 32 3 relu")
    #expect(table.layout(width: 12).rows[0] == "1  conv 32 …")
  }

  @Test func modelPaneKeepsTheFocusedRowInView() {
    let rows = (0...9).map { ["\($0)", "layer \($0)"] }
    let view = ModelView(
      table: TextTable(columns: [.init("#", rightAligned: true), .init("layer")], rows: rows),
      totals: ["total 10"], focus: 2)
    let out = ModelPane.render(view, preview: "+ 3 dense", width: 30, height: 7, charset: .ascii)
    #expect(
      out.map(\.text) == [
        "-- model rows 1-3 of 10 ------", "#  layer", "1  layer 1", "2  layer 2", "3  layer 3",
        "total 10", "+ 3 dense",
      ])
    #expect(out[3].spans.first?.style == .bold)
    let last = ModelPane.render(
      ModelView(table: view.table, totals: ["total 10"]), preview: nil, width: 30, height: 4,
      charset: .ascii)
    #expect(last.map(\.text) == ["-- model rows 8-9 of 10 ------", "#  layer", "8  layer 8", "9  layer 9"])
  }

  @Test func paneTitlesEndInAnEllipsisWhenCut() {
    #expect(PaneTitle.render("feature maps (F2): row 1 conv", width: 20, charset: .ascii).text == "-- feature maps (F… ")
  }

  @Test func visualPaneDrawsAGridScrollsAndShowsTheCurve() {
    let image = CaptionedImage(values: [0, 1, 0, 1], width: 2, height: 2, caption: "0")
    let rows = VisualPane.render(
      mode: .featureMaps, picture: .images(title: "conv1", images: [image], palette: .sequential),
      training: nil, width: 30, height: 5, depth: .none, charset: .ascii)
    #expect(rows.count == 3)
    #expect(rows[0] == .text(StyledLine("-- feature maps (F2): conv1 --", style: .dim, fit: .cut)))
    #expect(rows[2] == .cells([TerminalCell(" "), TerminalCell("@")]))
    let tall = VisualPicture.lines(title: "t", lines: (1...10).map { StyledLine("line \($0)") })
    let top = VisualPane.render(
      mode: .featureMaps, picture: tall, training: nil, width: 60, height: 5, depth: .none,
      charset: .ascii)
    #expect(top.count == 5)
    #expect(top[4] == .text(StyledLine("-- 7 more rows: Shift-PgDn (Shift-PgUp back) --", style: .dim)))
    let end = VisualPane.render(
      mode: .featureMaps, picture: tall, training: nil, width: 60, height: 5, depth: .none,
      charset: .ascii, scroll: 50)
    #expect(end.last == .text(StyledLine("line 10")))
    let curve = VisualPane.render(
      mode: .curve, picture: nil, training: nil, width: 30, height: 3, depth: .none,
      charset: .ascii)
    #expect(curve.count == 2)
  }

  @Test func helpScrollsAndSaysHowToClose() {
    let lines = (1...20).map { StyledLine("key \($0) does a thing") }
    let page = HelpPane.render(lines, width: 40, height: 5, scroll: 0).map(\.text)
    #expect(page == ["key 1 does a thing", "key 2 does a thing", "key 3 does a thing", "key 4 does a thing", "-- help lines 1-4 of 20: PgDn more, F1 …"])
    let last = HelpPane.render(lines, width: 40, height: 5, scroll: 99).map(\.text)
    #expect(last == ["key 17 does a thing", "key 18 does a thing", "key 19 does a thing", "key 20 does a thing", "-- help F1 closes --"])
  }
}
