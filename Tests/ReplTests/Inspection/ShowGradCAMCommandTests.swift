import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowGradCAMCommandTests {
  @Test func defaultsToTheLastConvRow() {
    let h = InspectionSetup.harness()
    let out = h.run("show gradcam 0")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("Grad-CAM of test image 0 for class "))
    #expect(out.contains(" on row 1 (conv 4 3 relu)"))
    #expect(out.contains("map 10x10 scaled up"))
  }

  @Test func refusesFlatRowsBadImagesAndNoData() {
    let h = InspectionSetup.harness()
    h.run("show gradcam 0 3")
    #expect(
      h.errorLines == [
        "error: show gradcam: row 3 (`flatten`) is a vector, not a map; pick a conv row before `flatten`"
      ])
    h.run("show gradcam 16")
    #expect(h.errorLines == ["error: show gradcam: there is no test image 16; pick one from 0 to 15"])
    let bare = SessionHarness()
    bare.run("show gradcam 0")
    #expect(bare.errorLines.first?.hasPrefix("error: show gradcam: no data set is loaded") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show gradcam 0")
    #expect(h.errorLines.first?.hasPrefix("error: show gradcam: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
