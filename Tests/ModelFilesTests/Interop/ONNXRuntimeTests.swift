import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// Every preset and the every-layer models exported with `export onnx`, run in onnxruntime
/// (PyPI) on the same inputs as cnnrepl: outputs within 1e-4 and `onnx.checker` passing.
///
/// Python comes from the venv `scripts/python-env.sh` makes (`make test` runs it first). Outside
/// CI a missing venv skips with a note; with `CI` set it fails.
@Suite struct ONNXRuntimeTests {
  static let tolerance: Float = 1e-4

  static var python: String {
    let venv =
      ProcessInfo.processInfo.environment["CNNREPL_PY_VENV"]
      ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/cnnrepl-py")
      .path
    return venv + "/bin/python"
  }

  @Test func everyPresetAndEveryLayerMatchOnnxruntime() throws {
    guard FileManager.default.isExecutableFile(atPath: Self.python) else {
      let note = "no Python venv at \(Self.python): run scripts/python-env.sh (make test does)"
      if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record(Comment(rawValue: note)) }
      print("note: ONNXRuntimeTests skipped: " + note)
      return
    }
    let folder = Paths.temporaryFolder("cnnrepl-onnx")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, script) in InteropModels.all {
      let session = InteropModels.session(script)
      let model = session.model
      let (input, output) = InteropModels.run(model)
      let case_ = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: case_, withIntermediateDirectories: true)
      let data = try ONNXExport.encoded(model, architecture: session.architectureScript)
      try data.write(to: case_.appendingPathComponent("model.onnx"))
      try InteropModels.bytes(input.storage).write(to: case_.appendingPathComponent("input.f32"))
      try InteropModels.bytes(output.storage).write(
        to: case_.appendingPathComponent("expected.f32"))
      let shapes = [
        "input": InteropModels.dims(batch: input.batch, input.shape),
        "output": InteropModels.dims(batch: output.batch, output.shape),
      ]
      try JSONSerialization.data(withJSONObject: shapes).write(
        to: case_.appendingPathComponent("shapes.json"))
    }

    let script = Paths.packageRoot.appendingPathComponent("scripts/onnx-check.py").path
    let (status, text) = Self.run(Self.python, [script, folder.path])
    #expect(status == 0, "onnx-check.py failed: \(text)")
    var seen: Set<String> = []
    for line in text.split(separator: "\n") {
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let name = object["case"] as? String
      else { continue }
      seen.insert(name)
      let diff = (object["max_abs_diff"] as? Double).map(Float.init) ?? .infinity
      print("onnxruntime \(name): max |diff| \(diff), checker \(object["checker"] ?? "?")")
      #expect(object["checker"] as? String == "ok", "\(name): \(line)")
      #expect(object["opset"] as? Int == ONNXExport.opset, "\(name): \(line)")
      #expect(object["shape_ok"] as? Bool == true, "\(name): \(line)")
      #expect(diff <= Self.tolerance, "\(name): max |diff| \(diff) > \(Self.tolerance)")
      // A flat output would match anything: the comparison means something only if it varies.
      #expect((object["expected_spread"] as? Double ?? 0) > 0.01, "\(name): \(line)")
    }
    #expect(seen == Set(InteropModels.all.map(\.name)), "cases reported: \(text)")
  }

  /// Runs `executable arguments…`; returns the exit status and standard output + error.
  static func run(_ executable: String, _ arguments: [String]) -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (127, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
