import Repl
import ReplTestSupport
import Testing

@Suite
struct GradcheckCommandTests {
  @Test func everyTrainableRowPasses() {
    let h = InspectionSetup.harness()
    let out = h.run("gradcheck")
    #expect(h.errorLines.isEmpty)
    #expect(out.contains("  1  conv 4 3 relu"))
    #expect(out.contains("  4  dense 4 softmax"))
    #expect(out.hasSuffix("all 2 rows pass (relative error below 2e-02)\n"))
    #expect(h.run("gradcheck 2").hasSuffix("the row passes (relative error below 2e-02)\n"))
  }

  @Test func refusesBadRowsEmptyModelsAndTraining() {
    let h = InspectionSetup.harness()
    h.run("gradcheck 5")
    #expect(h.errorLines == ["error: gradcheck: row 5 cannot be used here; pick a row from 1 to 4"])
    let bare = SessionHarness()
    bare.run("gradcheck")
    #expect(bare.errorLines.first?.hasPrefix("error: gradcheck: the model has no layers") == true)
    let t = InspectionSetup.training()
    t.run("gradcheck")
    #expect(t.errorLines.first?.hasPrefix("error: gradcheck: a training is running") == true)
    InspectionSetup.finish(t)
  }
}
