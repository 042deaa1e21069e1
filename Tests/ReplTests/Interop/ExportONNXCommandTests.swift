import Foundation
import ModelFiles
import ReplTestSupport
import Testing

/// `export onnx` as a command: the file it writes, its help, its refusal.
@Suite struct ExportONNXCommandTests {
  @Test func commandWritesTheFileAndHelpNamesTheOpset() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("k.onnx").path
    let harness = SessionHarness()
    let text = harness.run("preset keras-mnist\nexport onnx \(path)")
    #expect(harness.presenter.errors.isEmpty, "\(text)")
    #expect(text.contains("wrote ONNX opset 17: 7 rows, 104,202 params"))
    let file = try ONNXFileSummary(decoding: Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(file.operators.filter { $0 == "MaxPool" }.count == 2)
    let help = harness.run("help export onnx")
    #expect(help.contains("opset 17"))
    harness.run("reset\nexport onnx \(path)")
    #expect(
      harness.errorLines.first?.contains("export onnx: the model has no layers; build one first")
        == true)
  }
}
