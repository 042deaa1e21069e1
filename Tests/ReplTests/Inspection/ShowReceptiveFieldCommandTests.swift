import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowReceptiveFieldCommandTests {
  /// A 6x6 input without data: the picture is the outline alone, drawn exactly.
  @Test func outlinesTheCentreUnitExactly() {
    let h = SessionHarness()
    h.run("input 6x6x1\nconv 1 3")
    let out = h.run("show rf 1")
    #expect(h.errorLines.isEmpty)
    #expect(
      out == """
        row 1: receptive field of unit (1, 1)
        input 
         +++  
         @+@  
              
        row 1: 3x3 receptive field, rows 1-3, cols 1-3 of the 6x6 input

        """)
  }

  @Test func namesTheRegionOnTheDataAndRefusesBadRows() {
    let h = InspectionSetup.harness()
    #expect(h.run("show rf 2").contains("row 2: 4x4 receptive field, rows 4-7, cols 4-7 of the 12x12 input"))
    h.run("show rf 5")
    #expect(h.errorLines == ["error: show rf: row 5 cannot be used here; pick a row from 0 (the input) to 4"])
    let bare = SessionHarness()
    bare.run("show rf 1")
    #expect(bare.errorLines.first?.hasPrefix("error: show rf: the model has no layers") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show rf 1")
    #expect(h.errorLines.first?.hasPrefix("error: show rf: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
