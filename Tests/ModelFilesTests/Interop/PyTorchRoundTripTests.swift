import Core
import Foundation
import Repl
import ReplTestSupport
import Testing

/// The acceptance round trip through PyTorch (outside CI: PyTorch is a large download).
/// `bench/pytorch-roundtrip.sh` sets `CNNREPL_TORCH_PYTHON` to a Python with torch and runs
/// this suite; without it the suite is skipped.
///
/// For every preset and the every-layer models: `save model` and `export pytorch`, the module
/// loads the weights and gives cnnrepl's outputs within 1e-4; one training step in PyTorch,
/// `save_weights`, `import` back into the same session, and cnnrepl gives PyTorch's new outputs
/// within 1e-4. A catalog example with no trainable parameters (`maxpool 2` alone) has nothing
/// to train: it checks the export only.
@Suite(
  .enabled(
    if: ProcessInfo.processInfo.environment["CNNREPL_TORCH_PYTHON"] != nil,
    "set CNNREPL_TORCH_PYTHON (bench/pytorch-roundtrip.sh does)"))
struct PyTorchRoundTripTests {
  static let tolerance: Float = 1e-4

  @Test(arguments: InteropModels.all.map(\.name))
  func exportTrainInPyTorchImport(name: String) throws {
    let python = ProcessInfo.processInfo.environment["CNNREPL_TORCH_PYTHON"] ?? "python3"
    let script = try #require(InteropModels.all.first { $0.name == name }?.script)
    let folder = Paths.temporaryFolder("cnnrepl-torch-\(name)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let session = InteropModels.session(script)
    let presenter = RecordingPresenter()
    session.presenter = presenter
    let path = { (file: String) in folder.appendingPathComponent(file).path }
    for line in [
      "save model \(path("weights.safetensors"))", "export pytorch \(path("model.py"))",
    ] {
      session.execute(line)
    }
    #expect(presenter.errors.isEmpty, "\(presenter.text)")
    let (input, output) = InteropModels.run(session.model)
    try InteropModels.bytes(input.storage).write(to: URL(fileURLWithPath: path("input.f32")))
    try InteropModels.bytes(output.storage).write(to: URL(fileURLWithPath: path("expected.f32")))
    let shapes = [
      "input": InteropModels.dims(batch: input.batch, input.shape),
      "output": InteropModels.dims(batch: output.batch, output.shape),
    ]
    try JSONSerialization.data(withJSONObject: shapes).write(
      to: URL(fileURLWithPath: path("shapes.json")))

    let driver = Paths.packageRoot.appendingPathComponent("bench/pytorch_roundtrip.py").path
    let (status, text) = ONNXRuntimeTests.run(python, [driver, folder.path])
    try #require(status == 0, "pytorch_roundtrip.py: \(text)")
    let last = text.split(separator: "\n").last.map(String.init) ?? ""
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any], "\(text)")
    let exportDiff = Float(report["max_abs_diff"] as? Double ?? .infinity)
    print("pytorch \(name): export max |diff| \(exportDiff), loss \(report["loss"] ?? "-")")
    #expect(exportDiff <= Self.tolerance, "\(name): \(text)")
    #expect(report["trainable"] as? Int == session.model.summary.trainableParameters, "\(text)")
    guard session.model.summary.trainableParameters > 0 else { return }
    #expect((report["weights_changed"] as? Int ?? 0) > 0, "\(name): \(text)")

    session.execute("import \(path("trained.safetensors"))")
    #expect(presenter.errors.isEmpty, "\(presenter.text)")
    let after = session.model.forward(input, context: ComputeContext(mode: .inference)).storage
    let trained = try Data(contentsOf: URL(fileURLWithPath: path("trained.f32")))
    let expected = trained.withUnsafeBytes { raw in
      (0..<(raw.count / 4)).map {
        Float(
          bitPattern: UInt32(
            littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))
      }
    }
    try #require(expected.count == after.count)
    let importDiff = zip(after, expected).map { abs($0 - $1) }.max() ?? .infinity
    let moved = zip(after, output.storage).map { abs($0 - $1) }.max() ?? 0
    print("pytorch \(name): import max |diff| \(importDiff), outputs moved by up to \(moved)")
    #expect(importDiff <= Self.tolerance, "\(name): after import")
    #expect(moved > 0, "\(name): the trained weights did not change cnnrepl's outputs")
  }
}
