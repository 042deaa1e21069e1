import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowFmapCommandTests {
  @Test func drawsOneMapPerChannelAndPages() {
    let h = InspectionSetup.harness()
    let out = h.run("show fmap 1 ch=0-1")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("row 1 (conv 4 3 relu) 10x10x4, test image 0"))
    #expect(out.contains("ch 0"))
    #expect(out.contains("showing channels 0-1 of 4; use ch=2-3"))
    #expect(h.run("show fmap 0").contains("showing channels 0-0 of 1;"))
    #expect(h.run("show fmap 4").contains("showing features 0-3 of 4;"))
  }

  @Test func refusesBadRowChannelImageAndMissingThings() {
    let h = InspectionSetup.harness()
    h.run("show fmap 9")
    #expect(h.errorLines == ["error: show fmap: row 9 cannot be used here; pick a row from 0 (the input) to 4"])
    h.run("show fmap 1 ch=7-8")
    #expect(h.errorLines == ["error: show fmap: row 1 has no channel 7; pick one from 0 to 3"])
    h.run("show fmap 1 sample=99")
    #expect(h.errorLines == ["error: show fmap: there is no test image 99; pick one from 0 to 15"])
    let bare = SessionHarness()
    bare.run("show fmap 1")
    #expect(bare.errorLines.first?.hasPrefix("error: show fmap: no data set is loaded") == true)
    bare.run("data bars train=8 test=4 size=12\nshow fmap 1")
    #expect(bare.errorLines.first?.hasPrefix("error: show fmap: the model has no layers") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show fmap 1")
    #expect(h.errorLines.first?.hasPrefix("error: show fmap: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
