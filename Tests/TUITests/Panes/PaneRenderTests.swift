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
    pane.scroll(by: 1, width: 20, height: 3)
    #expect(pane.render(width: 20, height: 3).map(\.text) == ["ok", "[2] relu", "-- 1 newer lines bel"])
    pane.scroll(by: 10, width: 20, height: 3)
    #expect(pane.scroll == 1)
    pane.scroll(by: -5, width: 20, height: 3)
    #expect(pane.scroll == 0)
  }

  @Test func notebookFooterCoversTheLastRows() {
    var pane = NotebookPane(cells: cells)
    pane.footer = ["conv  convt"]
    #expect(pane.render(width: 20, height: 3).map(\.text) == ["ok", "[2] relu", "conv  convt"])
  }

  @Test func wrappingCountsColumns() {
    #expect(StyledLine("abcdef").wrapped(width: 4).map(\.text) == ["abcd", "ef"])
    #expect(StyledLine("日本語").wrapped(width: 5).map(\.text) == ["日本", "語"])
    #expect(StyledLine("日本語").truncated(width: 3).text == "日")
    #expect(TextWidth.columns(of: "e\u{301}") == 1)
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

  @Test func trainingPaneHasTitleProgressAndChart() {
    let d = TrainingDisplay(epoch: 1, epochs: 1, step: 2, stepsPerEpoch: 2, loss: [1, 0])
    let lines = TrainingPane.render(d, width: 30, height: 5, charset: .ascii).map(\.text)
    #expect(lines.count == 5)
    #expect(lines[0] == "-- training ------------------")
    #expect(lines[1].hasPrefix("ep 1/1 [####"))
    #expect(lines[2].hasPrefix("1+*"))
    #expect(TrainingPane.render(nil, width: 30, height: 1, charset: .ascii).map(\.text) == ["no training yet"])
  }

  @Test func modelPaneKeepsHeaderTotalsAndPreview() {
    let lines: [StyledLine] = ["# layer", "1 conv", "2 relu", "total"]
    let out = ModelPane.render(lines: lines, preview: "+ 3 dense", width: 20, height: 4, charset: .ascii)
    #expect(out.map(\.text) == ["-- model -----------", "# layer", "total", "+ 3 dense"])
  }

  @Test func visualPaneDrawsAGridOrTheCurve() {
    let image = CaptionedImage(values: [0, 1, 0, 1], width: 2, height: 2, caption: "0")
    let rows = VisualPane.render(
      mode: .featureMaps, picture: .images(title: "conv1", images: [image], palette: .sequential),
      training: nil, width: 30, height: 5, depth: .none, charset: .ascii)
    #expect(rows.count == 3)
    #expect(rows[0] == .text(StyledLine("-- feature maps (F2): conv1 --", style: .dim)))
    #expect(rows[2] == .cells([TerminalCell(" "), TerminalCell("@")]))
    let curve = VisualPane.render(
      mode: .curve, picture: nil, training: nil, width: 30, height: 3, depth: .none,
      charset: .ascii)
    #expect(curve.count == 2)
  }
}
