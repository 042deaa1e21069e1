import Rendering
import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowFiltersCommandTests {
  @Test func drawsEveryKernelWithItsRange() {
    let h = InspectionSetup.harness()
    let out = h.run("show filters 1")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("row 1 (conv 4 3 relu): 4 filters 3x3, one per input channel"))
    #expect(out.contains("weights from -"))
  }

  /// The event says which pane shows it: kernels go under filters, maps under feature maps.
  @Test func picturesNameTheirPane() {
    let h = InspectionSetup.harness()
    for (line, pane) in [("show filters 1", VisualMode.filters), ("show fmap 1", .featureMaps)] {
      h.run(line)
      let panes = h.presenter.events.compactMap { event -> VisualMode? in
        guard case .picture(_, let pane) = event else { return nil }
        return pane
      }
      #expect(panes == [pane], "\(line)")
    }
  }

  @Test func refusesRowsWithoutKernels() {
    let h = InspectionSetup.harness()
    h.run("show filters 2")
    #expect(
      h.errorLines == [
        "error: show filters: row 2 (`maxpool 2`) has no kernels; pick a conv, dwconv, sepconv or deconv row"
      ])
    h.run("show filters 7")
    #expect(h.errorLines == ["error: show filters: row 7 cannot be used here; pick a row from 1 to 4"])
    let bare = SessionHarness()
    bare.run("show filters 1")
    #expect(bare.errorLines.first?.hasPrefix("error: show filters: the model has no layers") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show filters 1")
    #expect(h.errorLines.first?.hasPrefix("error: show filters: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
