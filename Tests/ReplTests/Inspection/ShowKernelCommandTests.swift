import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowKernelCommandTests {
  @Test func showsInputKernelAndOutput() {
    let h = InspectionSetup.harness()
    let out = h.run("show kernel sobel-x sample=1")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("sobel-x on test image 1: input, output\ninput"))
    #expect(out.contains("kernel sobel-x (cross-correlation, pad same):\n       -1       0       1\n"))
    #expect(h.run("show kernel blur").contains("  0.0625   0.125  0.0625"))
  }

  @Test func refusesMissingDataAndImages() {
    let bare = SessionHarness()
    bare.run("show kernel edge")
    #expect(bare.errorLines.first?.hasPrefix("error: show kernel: no data set is loaded") == true)
    let h = InspectionSetup.harness()
    h.run("show kernel edge sample=16")
    #expect(h.errorLines == ["error: show kernel: there is no test image 16; pick one from 0 to 15"])
    h.run("show kernel emboss")
    #expect(h.errorLines.count == 1)
  }
}
