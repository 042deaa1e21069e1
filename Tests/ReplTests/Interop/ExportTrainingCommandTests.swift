import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// `export training DIR`: the folder's files hold the session's data, starting weights and
/// trainings exactly; `show curve FILE` draws what train.py logs. (The PyTorch run itself is
/// `make handoff-check`, which needs torch.)
@Suite struct ExportTrainingCommandTests {
  static let net = """
    seed 3
    data bars train=96 test=32 size=12
    input data
    conv 4 3 relu
    batchnorm
    maxpool 2
    flatten
    dense 4 softmax
    """

  /// The tensors of a safetensors file as (dtype, shape, bytes), its metadata.
  static func read(_ url: URL) throws -> ([String: (String, [Int], [UInt8])], [String: String]) {
    let bytes = [UInt8](try Data(contentsOf: url))
    let size = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    let header = try #require(
      try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + size)])) as? [String: Any])
    var tensors: [String: (String, [Int], [UInt8])] = [:]
    var metadata: [String: String] = [:]
    for (name, value) in header {
      if name == "__metadata__" {
        metadata = value as? [String: String] ?? [:]
        continue
      }
      let entry = try #require(value as? [String: Any])
      let offsets = try #require(entry["data_offsets"] as? [Int])
      tensors[name] = (
        entry["dtype"] as? String ?? "", entry["shape"] as? [Int] ?? [],
        Array(bytes[(8 + size + offsets[0])..<(8 + size + offsets[1])])
      )
    }
    return (tensors, metadata)
  }

  static func plan(_ folder: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent("plan.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func theFolderHoldsTheDataTheStartingWeightsAndThePlan() throws {
    let folder = Paths.temporaryFolder("cnnrepl-handoff").appendingPathComponent("out")
    let h = SessionHarness()
    h.run(Self.net)
    let before = ModelCheckpoint.tensors(of: h.session.model)
    h.run("train epochs=2 batch=16 lr=0.01 opt=momentum momentum=0.8 sched=step:1:0.5 wd=0.001")
    let after = ModelCheckpoint.tensors(of: h.session.model)
    #expect(before != after)
    let out = h.run("export training \(folder.path)")
    #expect(h.presenter.errors.isEmpty, "\(out)")
    #expect(out.contains("1 training of bars, 96 + 32 images"))
    for name in ["model.py", "train.py", "plan.json", "initial.safetensors", "data.safetensors", "README.md"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
    }
    // The images and labels as the session holds them, and its float32 normalisation.
    let data = try #require(h.session.data)
    let (tensors, metadata) = try Self.read(folder.appendingPathComponent("data.safetensors"))
    #expect(tensors["train_images"]?.0 == "U8")
    #expect(tensors["train_images"]?.1 == [96, 1, 12, 12])
    #expect(tensors["train_images"]?.2 == data.train.pixels)
    #expect(tensors["train_labels"]?.2 == data.train.labels)
    #expect(tensors["test_images"]?.2 == data.test.pixels)
    #expect(tensors["test_labels"]?.1 == [32])
    let scale = try #require(tensors["input_scale"]?.2)
    #expect(scale == withUnsafeBytes(of: (Float(1) / 255).bitPattern.littleEndian) { Array($0) })
    #expect(metadata["dataset"] == "bars")
    #expect(metadata["classes"]?.hasPrefix("[\"") == true)
    // The weights the training started from, not the trained ones.
    let initial = try SafeTensors(
      decoding: Data(contentsOf: folder.appendingPathComponent("initial.safetensors")))
    #expect(initial.tensors == before)
    // The plan: every default resolved.
    let plan = try Self.plan(folder)
    #expect(plan["seed"] as? Int == 3)
    let phases = try #require(plan["phases"] as? [[String: Any]])
    #expect(phases.count == 1)
    let phase = phases[0]
    #expect(phase["epochs"] as? Int == 2 && phase["batch"] as? Int == 16)
    #expect(phase["optimizer"] as? String == "momentum")
    #expect(abs((phase["lr"] as? Double ?? 0) - 0.01) < 1e-9)
    #expect(abs((phase["momentum"] as? Double ?? 0) - 0.8) < 1e-7)
    #expect(abs((phase["weight_decay"] as? Double ?? 0) - 0.001) < 1e-9)
    #expect((phase["schedule"] as? [String: Any])?["kind"] as? String == "step")
    #expect(phase["loss"] as? String == "ce")
    #expect(phase["mse_target"] as? String == "onehot")
    #expect(phase["max_steps"] is NSNull)
    #expect(phase["seed"] as? Int == 3)
    // model.py is `export pytorch`'s; train.py is the fixed script.
    let model = try String(contentsOf: folder.appendingPathComponent("model.py"), encoding: .utf8)
    #expect(model == (try PyTorchExport.source(h.session.model, architecture: h.session.architectureScript)))
    let script = try String(contentsOf: folder.appendingPathComponent("train.py"), encoding: .utf8)
    #expect(script.contains("DistributedSampler(range(n), num_replicas=run.world"))
    #expect(script.contains("eps=1e-7"))
  }

  @Test func trainOptionsAddATrainingAndNoneRunYetIsTheDefault() throws {
    let h = SessionHarness()
    h.run(Self.net)
    let first = Paths.temporaryFolder("cnnrepl-handoff")
    h.run("export training \(first.path)")
    #expect(h.presenter.errors.isEmpty)
    var phases = try #require(try Self.plan(first)["phases"] as? [[String: Any]])
    #expect(phases.count == 1 && phases[0]["epochs"] as? Int == 1 && phases[0]["batch"] as? Int == 32)
    #expect(phases[0]["optimizer"] as? String == "adam")
    // With no training yet the starting weights are the current ones.
    let initial = try SafeTensors(
      decoding: Data(contentsOf: first.appendingPathComponent("initial.safetensors")))
    #expect(initial.tensors == ModelCheckpoint.tensors(of: h.session.model))

    h.run("set batch=8\ntrain epochs=1 limit=40")
    let second = Paths.temporaryFolder("cnnrepl-handoff")
    h.run("export training \(second.path) epochs=5 sched=cosine")
    #expect(h.presenter.errors.isEmpty)
    phases = try #require(try Self.plan(second)["phases"] as? [[String: Any]])
    #expect(phases.count == 2)
    #expect(phases[0]["batch"] as? Int == 8 && phases[0]["limit"] as? Int == 40)
    #expect(phases[1]["epochs"] as? Int == 5 && phases[1]["batch"] as? Int == 8)
    #expect((phases[1]["schedule"] as? [String: Any])?["kind"] as? String == "cosine")
  }

  @Test func setChangesAndAStopAreInThePlan() throws {
    var options = TrainingOptions(epochs: 3, batchSize: 32, optimizer: .adam)
    options.seed = 9
    var phase = TrainingPhase(options: options, loss: .meanSquaredError)
    phase.changes = [
      SettingChange(setting: .learningRate, from: 0.001, to: 0.0005, step: 40),
      SettingChange(setting: .batchSize, from: 32, to: 64, step: 61),
    ]
    phase.completedSteps = 75
    phase.finished = false
    let json = TrainingPlanFile.json(phases: [phase], seed: 9, dataset: "mnist", autoencoder: true)
    let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let parsed = try #require((plan["phases"] as? [[String: Any]])?.first)
    #expect(parsed["max_steps"] as? Int == 75)
    #expect(parsed["loss"] as? String == "mse" && parsed["mse_target"] as? String == "input")
    let changes = try #require(parsed["changes"] as? [[String: Any]])
    #expect(changes.count == 2)
    #expect(changes[0]["step"] as? Int == 40 && changes[0]["setting"] as? String == "lr")
    #expect(abs((changes[0]["to"] as? Double ?? 0) - 0.0005) < 1e-12)
    #expect(changes[1]["setting"] as? String == "batch" && changes[1]["to"] as? Double == 64)
    let readme = TrainingPlanFile.readme(
      phases: [phase], data: DataSplits(name: "mnist", train: .init(shape: Shape(height: 1, width: 1, channels: 1), pixels: [], labels: [], classNames: []), test: .init(shape: Shape(height: 1, width: 1, channels: 1), pixels: [], labels: [], classNames: [])))
    #expect(readme.contains("lr 0.001 → 0.0005 at step 40"))
    #expect(readme.contains("stopped after step 75"))
  }

  @Test func refusalsLeaveNothingBehind() throws {
    let h = SessionHarness()
    let folder = Paths.temporaryFolder("cnnrepl-handoff").appendingPathComponent("x")
    h.run("export training \(folder.path)")
    #expect(h.errorLines.first?.contains("export training: no data set is loaded") == true)
    h.run("data bars train=8 test=8 size=12")
    h.run("export training \(folder.path)")
    #expect(h.errorLines.last?.contains("the model has no layers") == true)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
    // A file where the folder should be.
    let file = Paths.temporaryFolder("cnnrepl-handoff").appendingPathComponent("f")
    try Data("x".utf8).write(to: file)
    h.run("input data\nflatten\ndense 4 softmax\nexport training \(file.path)")
    #expect(h.errorLines.last?.contains("is a file, not a folder") == true)
    // Writing twice: the same contents are fine, other contents need force=yes.
    h.run("export training \(folder.path)")
    #expect(h.presenter.errors.isEmpty)
    h.run("export training \(folder.path)")
    #expect(h.presenter.errors.isEmpty)
    h.run("export training \(folder.path) epochs=4")
    #expect(h.errorLines.last?.contains("already exists with other contents") == true)
    h.run("export training \(folder.path) epochs=4 force=yes")
    #expect(h.presenter.errors.isEmpty)
  }

  @Test func generatedPythonCompiles() throws {
    let folder = Paths.temporaryFolder("cnnrepl-handoff")
    let h = SessionHarness()
    h.run(Self.net + "\nexport training \(folder.path)")
    #expect(h.presenter.errors.isEmpty)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-m", "py_compile", "train.py", "model.py"]
    process.currentDirectoryURL = folder
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func showCurveDrawsAMetricsFile() throws {
    let folder = Paths.temporaryFolder("cnnrepl-metrics")
    let path = folder.appendingPathComponent("metrics.jsonl").path
    var lines: [String] = []
    for step in stride(from: 10, through: 60, by: 10) {
      lines.append(#"{"kind": "step", "phase": 1, "epoch": \#(step <= 30 ? 1 : 2), "step": \#(step), "loss": \#(2.0 / Double(step)), "lr": 0.001}"#)
      if step == 30 || step == 60 {
        lines.append(#"{"kind": "epoch", "phase": 1, "epoch": \#(step / 30), "epochs": 2, "step": \#(step), "loss": 0.5, "acc": 0.8, "test_loss": 0.4, "test_acc": 0.85, "seconds": 1.0, "processes": 2}"#)
      }
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let metrics = try MetricsFile(parsing: lines.joined(separator: "\n"))
    #expect(metrics.history.steps.map(\.globalStep) == [10, 20, 30, 40, 50, 60])
    #expect(metrics.history.epochs.count == 2 && metrics.processes == 2)
    let h = SessionHarness()
    h.session.chartStyle = .ascii
    let out = h.run("show curve \(path)")
    #expect(h.presenter.errors.isEmpty, "\(out)")
    #expect(out.contains("6 logged steps, 2 epochs, 2 processes"))
    #expect(out.contains("epoch 2/2  loss 0.5000  acc 80.00%  test loss 0.4000  test acc 85.00%"))
    // A broken line is named.
    try "{\"kind\": \"step\", \"step\": 1, \"loss\": 1}\nnot json\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    h.run("show curve \(path)")
    #expect(h.errorLines.last?.contains("line 2: not a JSON object") == true)
    #expect(throws: MetricsFile.LineError(line: 1, problem: "no finite number `loss`")) {
      try MetricsFile(parsing: #"{"kind": "step", "step": 1, "loss": null}"#)
    }
  }
}
