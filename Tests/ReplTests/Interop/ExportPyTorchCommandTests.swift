import Core
import Foundation
import ModelFiles
import ReplTestSupport
import Testing

/// `export pytorch` as a command: its refusal of an empty model, the file it writes, and
/// overwriting.
@Suite struct ExportPyTorchCommandTests {
  @Test func emptyModelIsRefused() {
    #expect(throws: InteropError.noModel) {
      try PyTorchExport.source(Sequential(), architecture: "")
    }
    let harness = SessionHarness()
    harness.run("export pytorch \(Paths.temporaryFolder().appendingPathComponent("m.py").path)")
    #expect(harness.errorLines.first?.contains("export pytorch: the model has no layers") == true)
  }

  @Test func commandWritesTheFileAndRefusesToOverwriteOtherContents() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("lenet5.py").path
    let harness = SessionHarness()
    let text = harness.run("preset lenet5\nexport pytorch \(path)\nexport pytorch \(path)")
    #expect(harness.presenter.errors.isEmpty, "\(text)")
    #expect(text.contains("wrote class Model (8 rows) to \(path)"))
    harness.run("dense 3\nexport pytorch \(path)")
    #expect(harness.errorLines.first?.contains("already exists with other contents") == true)
    harness.run("export pytorch \(path) force=yes")
    #expect(harness.presenter.errors.isEmpty)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("# 9: dense 3 -> 3"))
  }
}
