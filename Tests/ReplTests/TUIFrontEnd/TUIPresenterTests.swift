import Core
import Repl
import Rendering
import Testing

/// The model pane's table: header, one row per layer (as words), one totals line.
struct TUIPresenterTests {
  @Test func modelLinesFitTheSidePane() throws {
    let model = Sequential(seed: 1)
    try model.setInput(Shape(height: 28, width: 28, channels: 1))
    try model.append(.conv(filters: 8, kernel: 3, activation: .relu))
    try model.append(.maxPool(kernel: 2))
    let lines = TUIPresenter.modelLines(model.summary)
    let words = lines.map { $0.text.split(separator: " ").joined(separator: " ") }
    #expect(
      words == [
        "# layer output params RF MACs",
        "0 input 28x28x1 0 1x1 0",
        "1 conv 8 3 relu 26x26x8 80 3x3 48,672",
        "2 maxpool 2 13x13x8 0 4x4 0",
        "total 80 params (320 B) MACs 48,672",
      ])
    #expect(lines.allSatisfy { $0.columns <= 60 })
    #expect(lines.first?.spans.first?.style == .dim)
    #expect(lines.last?.spans.first?.style == .bold)
  }

  @Test func longLayersAreCutWithAnEllipsis() throws {
    let model = Sequential(seed: 1)
    try model.setInput(Shape(height: 32, width: 32, channels: 3))
    try model.append(
      .conv(
        filters: 64, kernel: 3, stride: 2, padding: .same, dilation: 1, bias: false,
        activation: .relu))
    let row = TUIPresenter.modelLines(model.summary)[2].text
    #expect(row.contains("…"))
    #expect(row.count <= 3 + 2 + TUIPresenter.maxLayerColumns + 2 + 9 + 10 + 8 + 13)
  }

  @Test func emptyModelGivesAHint() {
    #expect(TUIPresenter.modelLines(ModelSummary(rows: [])).first?.text.hasPrefix("empty") == true)
  }
}
