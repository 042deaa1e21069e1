import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowSaliencyCommandTests {
  @Test func drawsTheGradientMagnitude() {
    let h = InspectionSetup.harness()
    let out = h.run("show saliency 2")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("saliency of test image 2 for class "))
    #expect(out.contains("bright pixels move the class score most"))
  }

  @Test func refusesBadImageAndNoData() {
    let h = InspectionSetup.harness()
    h.run("show saliency 20")
    #expect(h.errorLines == ["error: show saliency: there is no test image 20; pick one from 0 to 15"])
    let bare = SessionHarness()
    bare.run("show saliency 0")
    #expect(bare.errorLines.first?.hasPrefix("error: show saliency: no data set is loaded") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show saliency 0")
    #expect(h.errorLines.first?.hasPrefix("error: show saliency: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
