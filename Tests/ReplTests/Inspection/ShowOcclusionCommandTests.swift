import Repl
import Testing

@Suite
struct ShowOcclusionCommandTests {
  @Test func drawsTheHeatMapWithTheBaseProbability() {
    let h = InspectionSetup.harness()
    let out = h.run("show occlusion 0 size=3")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("occlusion of test image 0 (label "))
    #expect(out.contains("patch 3x3 fill 0.000, stride 1"))
    #expect(out.contains(" unoccluded; drop from "))
    #expect(h.run("show occlusion 0 size=3 fill=0.5").contains("fill 0.500"))
  }

  @Test func refusesBadImagePatchAndNonClassifier() {
    let h = InspectionSetup.harness()
    h.run("show occlusion 16")
    #expect(h.errorLines == ["error: show occlusion: there is no test image 16; pick one from 0 to 15"])
    h.run("show occlusion 0 size=13")
    #expect(h.errorLines == ["error: show occlusion: size=13 cannot be used; use a patch from 1 to 12 pixels"])
    h.run("del 4")
    h.run("show occlusion 0")
    #expect(h.errorLines.first?.hasPrefix("error: show occlusion: the model outputs 100") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show occlusion 0")
    #expect(h.errorLines.first?.hasPrefix("error: show occlusion: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
