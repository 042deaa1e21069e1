import Core
import FrontEnds
import Repl
import Rendering
import Testing

/// The model pane's preview row while a line is typed, against a model built like the REPL's.
struct LinePreviewTests {
  static func model() throws -> Sequential {
    let model = Sequential(seed: 1)
    try model.setInput(Shape(height: 28, width: 28, channels: 1))
    try model.append(.conv(filters: 8, kernel: 3, activation: .relu))
    try model.append(.maxPool(kernel: 2))
    return model
  }

  @Test func layerCommandShowsTheRowItWouldAdd() throws {
    let row = LinePreview.row(for: "conv 16 5", model: try Self.model())
    #expect(row?.text == "+ conv 16 5 -> 9x9x16  params 3,216  MACs 259,200  RF 12x12")
    #expect(row?.spans.first?.style == .accent)
  }

  @Test func impossibleLayerShowsTheRefusalAsAnError() throws {
    let row = LinePreview.row(for: "conv 8 15", model: try Self.model())
    #expect(row?.spans.first?.style == .error)
    #expect(
      row?.text.hasPrefix("! conv 8 15: input 13x13x8 is smaller than the 15x15 kernel") == true)
  }

  @Test func unfinishedLayerCommandShowsItsUsage() throws {
    let row = LinePreview.row(for: "conv 16", model: try Self.model())
    #expect(row?.text.trimmingCharacters(in: .whitespaces).hasPrefix("conv F K") == true)
    #expect(row?.spans.first?.style == .dim)
  }

  @Test(arguments: ["", "help", "summary", "xyzzy 3", "save net.cnn"])
  func otherLinesHaveNoPreview(line: String) throws {
    #expect(LinePreview.row(for: line, model: try Self.model()) == nil)
  }

  @Test func emptyModelRefusesWithTheInputHint() {
    let row = LinePreview.row(for: "conv 8 3", model: Sequential())
    #expect(row?.spans.first?.style == .error)
  }
}
