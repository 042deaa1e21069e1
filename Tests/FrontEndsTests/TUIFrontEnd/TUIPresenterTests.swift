import Core
import FrontEnds
import Repl
import Rendering
import Testing

/// The model pane's table and how the presenter fits text lines.
struct TUIPresenterTests {
  func model() throws -> Sequential {
    let model = Sequential(seed: 1)
    try model.setInput(Shape(height: 28, width: 28, channels: 1))
    try model.append(.conv(filters: 8, kernel: 3, activation: .relu))
    try model.append(.maxPool(kernel: 2))
    return model
  }

  /// The same columns, in the same order, as `summary` prints.
  @Test func modelTableHasSummarysColumns() throws {
    let view = TUIPresenter.modelView(try model().summary, focus: 1)
    let layout = view.table.layout(width: 80)
    let words = ([layout.header] + layout.rows).map { $0.split(separator: " ").joined(separator: " ") }
    #expect(
      words == [
        "# layer output params MACs RF",
        "0 input 28x28x1 0 0 1x1",
        "1 conv 8 3 relu 26x26x8 80 48,672 3x3",
        "2 maxpool 2 13x13x8 0 0 4x4",
      ])
    let summaryWords = SummaryTable.header.split(separator: " ").joined(separator: " ")
    #expect(summaryWords == "# layer output params MACs RF")
    #expect(view.totals == ["total 80 params (320 B)  MACs 48,672"])
    #expect(view.focus == 1)
  }

  /// A 40-column side pane leaves RF out first, then MACs; no number is ever cut.
  @Test func narrowPanesDropWholeColumns() throws {
    let layout = TUIPresenter.modelView(try model().summary).table.layout(width: 40)
    #expect(layout.dropped == ["MACs", "RF"])
    #expect(layout.rows[1].hasSuffix("80"))
    #expect(([layout.header] + layout.rows).allSatisfy { $0.count <= 40 })
  }

  @Test func emptyModelGivesAHint() {
    let view = TUIPresenter.modelView(ModelSummary(rows: []))
    #expect(view.table.rows.isEmpty && view.emptyHint.hasPrefix("empty"))
  }

  @Test func columnsAreCutAndProseWraps() {
    #expect(TUIPresenter.fit(of: "  0   98.0%  ████") == .cut)
    #expect(TUIPresenter.fit(of: "  1  conv 32 3 relu   26x26x32") == .cut)
    #expect(TUIPresenter.fit(of: "  conv F K [stride=S]: a 2-D convolution of the input") == .wrap)
    #expect(TUIPresenter.fit(of: "accuracy 97.10% on 1,000 test images") == .wrap)
  }
}
