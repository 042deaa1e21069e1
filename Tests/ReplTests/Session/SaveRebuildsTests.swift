import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// `save` writes a script that rebuilds what the session holds now: `train` lines only when
/// they replay exactly, the weights beside the script otherwise, and never the trainings of a
/// model that is gone.
@Suite struct SaveRebuildsTests {
  static let net = "data bars\ninput data\nconv 4 3 relu\nflatten\ndense 4 softmax"

  /// Saves `h`'s session in a fresh folder, replays it in a new session, and returns the
  /// script, the folder's files and whether the replay holds the same weights bit for bit.
  private func saveAndReplay(_ h: SessionHarness) throws -> (
    script: String, files: [String], sameWeights: Bool
  ) {
    let folder = Paths.temporaryFolder("cnnrepl-save")
    let path = folder.appendingPathComponent("net.cnn").path
    h.run("save \(path)")
    try #require(h.presenter.errors.isEmpty, "\(h.errorLines)")
    let replay = SessionHarness()
    replay.run("run \(path)")
    try #require(replay.presenter.errors.isEmpty, "\(replay.errorLines)")
    let a = h.session.model.parameters.map { $0.value.map(\.bitPattern) }
    let b = replay.session.model.parameters.map { $0.value.map(\.bitPattern) }
    return (
      try String(contentsOfFile: path, encoding: .utf8),
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), a == b && !a.isEmpty
    )
  }

  @Test func aFinishedTrainingIsSavedAsItsLineAndReplaysExactly() throws {
    let h = SessionHarness()
    h.run(Self.net + "\ntrain epochs=1 limit=64 test=0")
    let saved = try saveAndReplay(h)
    #expect(saved.script.contains("\ntrain epochs=1 "))
    #expect(saved.files == ["net.cnn"])
    #expect(saved.sameWeights)
  }

  @Test func trainingsOfAModelThatWasResetAreNotSaved() throws {
    let h = SessionHarness()
    h.run(Self.net + "\ntrain epochs=1 limit=64 test=0\nreset\ninput data\nflatten\ndense 4 softmax")
    let saved = try saveAndReplay(h)
    #expect(!saved.script.contains("train"), "\(saved.script)")
    #expect(saved.files == ["net.cnn"])
  }

  @Test func trainingsBeforeAPresetAreNotSaved() throws {
    let h = SessionHarness()
    h.run(Self.net + "\ntrain epochs=1 limit=64 test=0\npreset lenet5")
    let saved = try saveAndReplay(h)
    #expect(!saved.script.contains("train"), "\(saved.script)")
  }

  @Test func aStoppedTrainingSavesTheWeightsItLeftNotAWholeTraining() throws {
    let h = SessionHarness()
    h.run(Self.net)
    var checks = 0
    h.session.interruptCheck = {
      checks += 1
      return checks > 1  // Ctrl-C while the training runs
    }
    h.run("train epochs=50 test=0")
    h.session.interruptCheck = nil
    let steps = try #require(h.session.trainer.lastResult).completedSteps
    try #require(h.session.trainer.lastResult?.reason == .userStopped)
    #expect(steps < 50 * (h.session.data!.train.count / 32))
    let saved = try saveAndReplay(h)
    #expect(!saved.script.contains("\ntrain "), "\(saved.script)")
    #expect(saved.script.hasSuffix("load model net.safetensors\n"))
    #expect(saved.files == ["net.cnn", "net.safetensors"])
    #expect(saved.sameWeights)
  }

  @Test func anEditAfterTrainingSavesTheWeights() throws {
    let h = SessionHarness()
    h.run(Self.net + "\ntrain epochs=1 limit=64 test=0\ninsert 2 relu")
    let saved = try saveAndReplay(h)
    #expect(!saved.script.contains("\ntrain "))
    #expect(saved.files == ["net.cnn", "net.safetensors"])
    #expect(saved.sameWeights)
  }

  @Test func aSeedTypedAfterTrainingSavesTheWeights() throws {
    let h = SessionHarness()
    h.run(Self.net + "\ntrain epochs=1 limit=64 test=0\nseed 9")
    let saved = try saveAndReplay(h)
    #expect(saved.script.contains("seed 9\n"))
    #expect(saved.files == ["net.cnn", "net.safetensors"])
    #expect(saved.sameWeights)
  }

  @Test func loadedWeightsAreSavedBesideTheScript() throws {
    let h = SessionHarness()
    let folder = Paths.temporaryFolder("cnnrepl-save-load")
    let weights = folder.appendingPathComponent("w.safetensors").path
    h.run(Self.net + "\ntrain epochs=1 limit=64 test=0\nsave model \(weights)\nreset")
    h.run(Self.net + "\nload model \(weights)")
    try #require(h.presenter.errors.isEmpty, "\(h.errorLines)")
    let saved = try saveAndReplay(h)
    #expect(saved.files == ["net.cnn", "net.safetensors"])
    #expect(saved.sameWeights)
  }

  @Test func anUntrainedModelNeedsNoWeightsFile() throws {
    let h = SessionHarness()
    h.run(Self.net + "\nseed 4")
    let saved = try saveAndReplay(h)
    #expect(saved.files == ["net.cnn"])
  }
}

/// Weights files holding NaN or infinity load with a warning.
@Suite struct NonFiniteWeightsTests {
  @Test func nanWeightsLoadWithAWarning() throws {
    let h = SessionHarness()
    let folder = Paths.temporaryFolder("cnnrepl-nan")
    let path = folder.appendingPathComponent("w.safetensors").path
    h.run("input 4x4x1\nflatten\ndense 2 softmax\nsave model \(path)")
    var file = try SafeTensors(decoding: try Data(contentsOf: URL(fileURLWithPath: path)))
    file.tensors[0].values[0] = .nan
    file.tensors[0].values[1] = .infinity
    try file.encoded().write(to: URL(fileURLWithPath: path))
    let out = h.run("load model \(path)")
    #expect(h.presenter.errors.isEmpty)
    #expect(out.contains("warning: \(path) holds 2 NaN or infinite weights (in "), "\(out)")
    let clean = SessionHarness()
    clean.run("input 4x4x1\nflatten\ndense 2 softmax\nsave model \(path) force=yes")
    #expect(!clean.run("load model \(path)").contains("warning"))
  }
}
