import Repl
import Testing

@Suite
struct ShowDreamCommandTests {
  @Test func dreamsAChannelDeterministically() {
    let h = InspectionSetup.harness()
    let out = h.run("show dream 1 2 steps=5")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("row 1 channel 2: the input it likes best (5 steps)"))
    #expect(out.contains("mean activation "))
    #expect(h.run("show dream 1 2 steps=5") == out)
  }

  @Test func refusesBadRowAndChannel() {
    let h = InspectionSetup.harness()
    h.run("show dream 9 0")
    #expect(h.errorLines == ["error: show dream: row 9 cannot be used here; pick a row from 1 to 4"])
    h.run("show dream 1 4")
    #expect(h.errorLines == ["error: show dream: row 1 has no channel 4; pick one from 0 to 3"])
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show dream 1 0")
    #expect(h.errorLines.first?.hasPrefix("error: show dream: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
