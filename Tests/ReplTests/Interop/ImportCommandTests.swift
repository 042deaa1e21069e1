import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// `import FILE.safetensors`: weights from PyTorch into the model of the same architecture.
@Suite struct ImportCommandTests {
  static func output(_ session: Session) -> [Float] {
    InteropModels.run(session.model).output.storage
  }

  /// A file holding `tensors` (F32) plus, when `int64` is set, a PyTorch-style
  /// `2.num_batches_tracked` of dtype I64.
  static func write(_ tensors: [SafeTensors.Tensor], int64: Bool = false, to path: String) throws {
    var data = try SafeTensors(tensors: tensors).encoded()
    if int64 {
      // Re-encode with one extra I64 entry appended to the header and data.
      let count = data.prefix(8).withUnsafeBytes {
        Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)))
      }
      var header = String(decoding: data[8..<(8 + count)], as: UTF8.self)
        .trimmingCharacters(in: .whitespaces)
      let body = data[(8 + count)...]
      header.removeLast()  // "}"
      header +=
        ",\"2.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[\(body.count),\(body.count + 8)]}}"
      var bytes = Array(header.utf8)
      while bytes.count % 8 != 0 { bytes.append(0x20) }
      data = Data()
      withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { data.append(contentsOf: $0) }
      data.append(contentsOf: bytes)
      data.append(body)
      data.append(contentsOf: [UInt8](repeating: 0, count: 8))
    }
    try data.write(to: URL(fileURLWithPath: path))
  }

  @Test func importGivesTheSameOutputsAsTheModelThatWroteTheWeights() throws {
    let script = try #require(InteropModels.all.first { $0.name == "gap-head" }?.script)
    let source = InteropModels.session(script, seed: 1)
    let path = Paths.temporaryFolder().appendingPathComponent("w.safetensors").path
    // As PyTorch's save_weights writes it: the tensors, plus a num_batches_tracked (F32 here).
    var tensors = ModelCheckpoint.tensors(of: source.model)
    tensors.append(SafeTensors.Tensor(name: "4.num_batches_tracked", shape: [], values: [3]))
    try Self.write(tensors.reversed(), to: path)

    let target = InteropModels.session(script, seed: 2)
    #expect(Self.output(target) != Self.output(source))
    let presenter = RecordingPresenter()
    target.presenter = presenter
    target.execute("import \(path)")
    #expect(presenter.errors.isEmpty, "\(presenter.text)")
    #expect(presenter.text.contains("imported \(tensors.count - 1) tensors"))
    #expect(Self.output(target) == Self.output(source))
  }

  @Test func importNeedsTheSameArchitectureAndChangesNothingOtherwise() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("w.safetensors").path
    let lenet = InteropModels.session("preset lenet5")
    try Self.write(ModelCheckpoint.tensors(of: lenet.model), to: path)

    let empty = SessionHarness()
    empty.run("import \(path)")
    #expect(empty.errorLines.first?.contains("import: the model has no layers") == true)

    let other = SessionHarness()
    other.run("preset keras-mnist")
    let before = other.session.model.parameters.map(\.value)
    other.run("import \(path)")
    #expect(
      other.errorLines.first?.contains("import: tensor `1.weight` has shape [6, 1, 5, 5]") == true)
    #expect(other.session.model.parameters.map(\.value) == before)
  }

  @Test func pytorchsInt64BatchCountersAreSkipped() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("w.safetensors").path
    let source = InteropModels.session("preset lenet5", seed: 3)
    try Self.write(ModelCheckpoint.tensors(of: source.model), int64: true, to: path)
    let harness = SessionHarness()
    harness.run("preset lenet5\nimport \(path)")
    #expect(harness.presenter.errors.isEmpty, "\(harness.presenter.text)")
    #expect(Self.output(harness.session) == Self.output(source))
  }

  @Test func otherInt64TensorsAreRefusedWithTheWayOut() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("w.safetensors").path
    var bytes = Array(#"{"1.weight":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#.utf8)
    while bytes.count % 8 != 0 { bytes.append(0x20) }
    var data = Data()
    withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: bytes + [UInt8](repeating: 0, count: 8))
    try data.write(to: URL(fileURLWithPath: path))
    let harness = SessionHarness()
    harness.run("preset lenet5\nimport \(path)")
    let error = harness.errorLines.first ?? ""
    #expect(error.contains("tensor `1.weight` has dtype I64"), "\(error)")
    #expect(error.contains("save_weights"), "\(error)")
  }

  @Test func missingFileIsRefused() {
    let harness = SessionHarness()
    harness.run("preset lenet5\nimport /nonexistent/w.safetensors")
    #expect(harness.errorLines.first?.contains("no file `/nonexistent/w.safetensors`") == true)
  }
}
