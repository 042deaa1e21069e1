import Core
import Repl
import ReplTestSupport
import Testing

/// Model building through the session with real layers.
///
/// Summary rows at once, refusals with
/// the arithmetic, and stack edits. Enabled when Core's layers are merged.
@Suite struct ModelEditTests {
  /// The params column of the summary.
  static func params(_ session: Session) -> [Int] { session.model.summary.rows.map(\.parameters) }

  @Test
  func kerasMnistRowsAndTotals() {
    let h = SessionHarness()
    let text = h.run(KerasMnist.script)
    #expect(h.presenter.errors.isEmpty)
    #expect(Self.params(h.session) == KerasMnist.rows.map(\.parameters))
    #expect(h.session.model.summary.rows.map(\.outputShape) == KerasMnist.rows.map(\.outputShape))
    #expect(h.session.model.summary.totalParameters == 104_202)
    // Each model-building command printed its own row at once.
    let rows = h.presenter.events.compactMap {
      if case .summaryRow(let r) = $0 { r.index } else { nil }
    }
    #expect(rows == Array(0...8))
    #expect(
      text.contains("  1  conv 32 3 relu             26x26x32         320      194,688    3x3\n"))
    let summary = h.run("summary")
    #expect(
      summary.contains("total params: 104,202 (407.0 KiB)\ntrainable params: 104,202 (407.0 KiB)\n")
    )
  }

  @Test
  func lenet5CountsAsKeras() {
    let h = SessionHarness()
    h.run(
      "input 32x32x1\nconv 6 5 tanh\navgpool 2\nconv 16 5 tanh\navgpool 2\nflatten\ndense 120 tanh\ndense 84 tanh\ndense 10 softmax"
    )
    #expect(h.presenter.errors.isEmpty)
    #expect(Self.params(h.session) == [0, 156, 0, 2416, 0, 0, 48_120, 10_164, 850])
    #expect(h.session.model.summary.totalParameters == 61_706)
  }

  @Test
  func impossibleLayerIsRefusedWithTheArithmetic() {
    let h = SessionHarness()
    h.run("input 3x3x8")
    h.run("conv 16 5")
    #expect(
      h.errorLines == [
        "error: conv 16 5: input 3x3x8 is smaller than the 5x5 kernel: (3 - 5 + 2·0)/1 + 1 = -1; use pad=same or a smaller kernel"
      ])
    #expect(h.session.model.specs.isEmpty)
    h.run("conv 16 5 pad=same")
    #expect(h.presenter.errors.isEmpty)
    #expect(h.session.model.outputShape == Shape(height: 3, width: 3, channels: 16))
  }

  @Test
  func denseNeedsAFlatInput() {
    let h = SessionHarness()
    h.run("input 28x28x1\ndense 10")
    #expect(
      h.errorLines == [
        "error: dense 10: input 28x28x1 is an image, not a vector; add `flatten` before it"
      ])
    #expect(h.session.model.specs.isEmpty)
  }

  @Test
  func paddingAndStrideFormulas() {
    let h = SessionHarness()
    h.run(
      "input 28x28x1\nconv 8 3 pad=same stride=2\nconv 8 5 pad=2\nconv 8 3 dilation=2\ndeconv 4 2 stride=2"
    )
    #expect(h.presenter.errors.isEmpty)
    #expect(
      h.session.model.shapes.map(\.description) == [
        "28x28x1", "14x14x8", "14x14x8", "10x10x8", "20x20x4",
      ])
  }

  @Test
  func separableCostsLessThanStandard() {
    let h = SessionHarness()
    h.run(
      "input 16x16x32\nconv 64 3 pad=same\nreset\ninput 16x16x32\nsepconv 64 3 pad=same\ndwconv 3 pad=same"
    )
    #expect(h.presenter.errors.isEmpty)
    // Keras SeparableConv2D: 3·3·32 + 32·64 + 64 = 2,400; DepthwiseConv2D: 3·3·64 + 64 = 640.
    #expect(Self.params(h.session) == [0, 2400, 640])
    #expect(h.session.model.summary.rows[1].macs == (3 * 3 * 32 + 32 * 64) * 16 * 16)
  }

  @Test
  func deleteInsertReplaceUndo() {
    let h = SessionHarness()
    h.run("input 28x28x1\nconv 8 3 relu\nmaxpool 2\nconv 16 3 relu")
    #expect(Self.params(h.session) == [0, 80, 0, 1168])
    h.run("insert 2 conv 8 3 pad=same")
    #expect(
      h.session.model.specs.map(\.description) == [
        "conv 8 3 relu", "conv 8 3 pad=same", "maxpool 2", "conv 16 3 relu",
      ])
    h.run("del 2")
    #expect(Self.params(h.session) == [0, 80, 0, 1168])
    h.run("replace 3 conv 32 3")
    #expect(Self.params(h.session) == [0, 80, 0, 2336])
    let undo = h.run("undo")
    #expect(undo.hasPrefix("undid `replace 3 conv 32 3`\n"))
    #expect(Self.params(h.session) == [0, 80, 0, 1168])
    h.run("undo\nundo")
    #expect(
      h.session.model.specs.map(\.description) == ["conv 8 3 relu", "maxpool 2", "conv 16 3 relu"])
    h.run("undo")
    #expect(h.session.model.specs.map(\.description) == ["conv 8 3 relu", "maxpool 2"])
    // An impossible edit changes nothing: replacing row 1 by a 40x40 kernel.
    h.run("replace 1 conv 8 40")
    #expect(h.presenter.errors.count == 1)
    #expect(h.session.model.specs.map(\.description) == ["conv 8 3 relu", "maxpool 2"])
    h.run("del 7")
    #expect(h.errorLines.last == "error: del 7: there is no row 7; rows go from 1 to 2")
  }

  @Test
  func changingTheInputKeepsFittingLayers() {
    let h = SessionHarness()
    h.run("input 28x28x1\nconv 8 3\ninput 32x32x3")
    #expect(h.session.model.shapes.map(\.description) == ["32x32x3", "30x30x8"])
    h.run("input 2x2x1")
    #expect(h.presenter.errors.count == 1)
    #expect(h.session.model.inputShape == Shape(height: 32, width: 32, channels: 3))
  }

  @Test
  func savedScriptRebuildsTheSameModel() throws {
    let folder = Paths.temporaryFolder()
    let path = folder.appendingPathComponent("m.cnn").path
    let h = SessionHarness()
    h.run(
      "seed 3\ninput 28x28x1\nconv 8 3 pad=same stride=2 relu\nmaxpool 2\nsepconv 16 3 tanh\nsave \(path)"
    )
    #expect(h.presenter.errors.isEmpty)
    let replay = SessionHarness()
    replay.run("run \(path)")
    #expect(replay.presenter.errors.isEmpty)
    #expect(replay.session.model.specs == h.session.model.specs)
    #expect(replay.session.model.summary == h.session.model.summary)
  }

  @Test
  func checkModeShapeChecksLayers() {
    let h = SessionHarness(mode: .check)
    let result = h.session.runScript(
      text: "data mnist\ninput data\nconv 8 3\nconv 8 40\ntrain\n", name: "c.cnn", echo: false,
      keepGoing: true)
    #expect(result.errors.map { $0.location?.line } == [4])
  }
}
