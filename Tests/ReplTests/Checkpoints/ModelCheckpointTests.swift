import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// Tests of `save model` and `load model` with real layers.
///
/// Enabled when Core's layers are merged.
@Suite struct ModelCheckpointTests {
  static let architecture =
    "seed 5\ninput 12x12x2\nconv 4 3 relu\nmaxpool 2\nsepconv 6 3 pad=same tanh\ndeconv 3 2 stride=2 init=he\n"

  static func forward(_ model: Sequential) -> [Float] {
    var random = SeededRandom(seed: 99)
    let shape = Shape(height: 12, width: 12, channels: 2)
    let input = Tensor(
      batch: 2, shape: shape, storage: (0..<(2 * shape.count)).map { _ in random.uniform(-1, 1) })
    return model.forward(input, context: ComputeContext(mode: .inference)).storage
  }

  @Test
  func saveThenLoadIntoAnEmptySessionGivesTheSameOutputs() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("m.safetensors").path
    let a = SessionHarness()
    a.run(Self.architecture + "save model \(path)")
    #expect(a.presenter.errors.isEmpty)
    let file = try SafeTensors(decoding: Data(contentsOf: URL(fileURLWithPath: path)))
    // Names are <row>.<parameter>, in row order; rows 2 (maxpool) has none.
    let rows = file.tensors.map { $0.name.split(separator: ".")[0] }
    #expect(rows.first == "1" && rows.last == "4" && !rows.contains("2"))
    #expect(rows == rows.sorted())
    #expect(file.tensor(named: "1.weight")?.shape == [4, 2, 3, 3])
    #expect(
      file.metadata[ModelCheckpoint.architectureKey]
        == "input 12x12x2\nconv 4 3 relu\nmaxpool 2\nsepconv 6 3 pad=same tanh\ndeconv 3 2 stride=2 init=he\n"
    )

    let b = SessionHarness(seed: 1234)  // other seed: other initial weights
    b.run("load model \(path)")
    #expect(b.presenter.errors.isEmpty)
    #expect(b.session.model.specs == a.session.model.specs)
    #expect(Self.forward(b.session.model) == Self.forward(a.session.model))
    #expect(b.session.model.parameters.map(\.value) == a.session.model.parameters.map(\.value))
  }

  /// A graph's wiring is part of the architecture: `from=`, `add` and `concat` come back from
  /// the file's metadata, and a fresh session loading it computes the same outputs.
  @Test
  func aGraphRoundTripsThroughACheckpoint() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("g.safetensors").path
    let a = SessionHarness()
    a.run(
      "input 12x12x2\nconv 4 3 pad=same relu\nconv 4 3 pad=same\nadd 1\nconv 2 1 from=1\n"
        + "concat 3 0\nsave model \(path)")
    #expect(a.presenter.errors.isEmpty)
    let file = try SafeTensors(decoding: Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(
      file.metadata[ModelCheckpoint.architectureKey]
        == "input 12x12x2\nconv 4 3 pad=same relu\nconv 4 3 pad=same\nadd 1\nconv 2 1 from=1\n"
        + "concat 3 0\n")
    let b = SessionHarness(seed: 99)
    b.run("load model \(path)")
    #expect(b.presenter.errors.isEmpty)
    #expect(b.session.model.specs == a.session.model.specs)
    #expect(b.session.model.inputRows(ofRow: 5) == [4, 3, 0])
    #expect(Self.forward(b.session.model) == Self.forward(a.session.model))
    // Into a model of the same tensors but other wiring: refused, nothing loaded.
    let c = SessionHarness(seed: 5)
    c.run("input 12x12x2\nconv 4 3 pad=same relu\nconv 4 3 pad=same\nadd 2\nconv 2 1\nconcat 3 0")
    #expect(c.errorLines.isEmpty, "\(c.errorLines)")
    let weights = c.session.model.parameters.map(\.value)
    c.run("load model \(path)")
    #expect(
      c.errorLines.last
        == "error: load model: in the file row 3 reads rows 2,1, here it reads 2,2: the "
        + "weights were trained on other wiring; `reset` first to load the file's own model")
    #expect(c.session.model.parameters.map(\.value) == weights)
  }

  /// `dense N bias=no` keeps one tensor (`weight`), counts `in·N`, and comes back as typed.
  @Test
  func denseWithoutBiasRoundTrips() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("d.safetensors").path
    let a = SessionHarness()
    a.run("input 12x12x2\nflatten\ndense 6 bias=no tanh\ndense 3\nsave model \(path)")
    #expect(a.presenter.errors.isEmpty, "\(a.errorLines)")
    #expect(a.session.model.summary.rows.map(\.parameters) == [0, 0, 288 * 6, 6 * 3 + 3])
    let file = try SafeTensors(decoding: Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(file.tensors.map(\.name) == ["2.weight", "3.weight", "3.bias"])
    #expect(
      file.metadata[ModelCheckpoint.architectureKey]
        == "input 12x12x2\nflatten\ndense 6 bias=no tanh\ndense 3\n")
    let b = SessionHarness(seed: 77)
    b.run("load model \(path)")
    #expect(b.presenter.errors.isEmpty, "\(b.errorLines)")
    #expect(b.session.model.specs == a.session.model.specs)
    #expect(Self.forward(b.session.model) == Self.forward(a.session.model))
    // A model that has a bias there is refused: the file has no `2.bias`.
    let c = SessionHarness()
    c.run("input 12x12x2\nflatten\ndense 6 tanh\ndense 3\nload model \(path)")
    #expect(c.errorLines.count == 1)
  }

  @Test
  func mismatchedArchitectureIsRefusedAndNothingChanges() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("m.safetensors").path
    let a = SessionHarness()
    a.run(Self.architecture + "save model \(path)")
    let b = SessionHarness()
    b.run("input 12x12x2\nconv 5 3 relu")
    let before = b.session.model.parameters.map(\.value)
    b.run("load model \(path)")
    #expect(
      b.errorLines == [
        "error: load model: tensor `1.weight` has shape [4, 2, 3, 3] in the file but [5, 2, 3, 3] in the model; `reset` first to rebuild the saved architecture, or build the same layers"
      ])
    #expect(b.session.model.parameters.map(\.value) == before)
    b.run("reset\nload model \(path)")
    #expect(b.presenter.errors.isEmpty)
  }

  @Test
  func overwriteNeedsForce() throws {
    let path = Paths.temporaryFolder().appendingPathComponent("m.safetensors").path
    let a = SessionHarness()
    a.run(Self.architecture + "save model \(path)\nsave model \(path)")
    #expect(a.presenter.errors.isEmpty)  // same bytes: fine
    a.run("replace 1 conv 5 3 relu\nsave model \(path)")
    #expect(a.errorLines.last?.contains("already exists with other contents") == true)
  }

  @Test func corruptOrForeignFilesAreRefused() throws {
    let folder = Paths.temporaryFolder()
    let junk = folder.appendingPathComponent("junk.safetensors").path
    try Data("hello, not a model".utf8).write(to: URL(fileURLWithPath: junk))
    let h = SessionHarness()
    h.run("load model \(junk)")
    #expect(h.errorLines.first?.hasPrefix("error: load model: \(junk): the header length") == true)
    let bare = folder.appendingPathComponent("bare.safetensors").path
    try SafeTensors(tensors: [.init(name: "1.weight", shape: [1], values: [1])]).encoded().write(
      to: URL(fileURLWithPath: bare))
    h.run("load model \(bare)")
    #expect(h.errorLines.last?.contains("has no `cnnrepl.architecture` metadata") == true)
    h.run("save model \(folder.path)/x.safetensors")
    #expect(h.errorLines.last == "error: save model: the model has no layers; build one first")
  }
}
