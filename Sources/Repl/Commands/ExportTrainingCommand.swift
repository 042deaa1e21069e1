import Core
import Foundation
import ModelFiles

/// The `export training DIR [train options] [force=yes]` command: a folder to copy to a bigger
/// machine, where `python train.py` or `torchrun --nproc_per_node=N train.py` does the session's
/// training in PyTorch and writes weights `import` reads back.
public struct ExportTrainingCommand: ReplCommand {
  /// `train`'s options that describe a training (not `snapshot=`, which is the TUI's).
  static let trainOptions = TrainCommand.spec.options.filter { $0.key != "snapshot" }

  public static let spec = CommandSpec(
    name: "export training", category: .files,
    abstract: "a folder that trains this network in PyTorch (torchrun)",
    discussion: [
      "DIR gets model.py (as `export pytorch`), train.py, plan.json, README.md,",
      "initial.safetensors and data.safetensors (the images and labels as loaded)",
      "the plan: this session's `train` commands since the weights were drawn, and",
      "the `set` changes made while they ran; train options add one more training",
      "(with none run yet they say what to run: `export training out epochs=20`)",
      "there: `python train.py` or `torchrun --nproc_per_node=N train.py`, then",
      "here: `import DIR/trained.safetensors` and `show curve DIR/metrics.jsonl`",
    ],
    arguments: [
      ArgumentSpec("DIR", "folder", .file(extensions: []), help: "folder to write (made if needed)")
    ],
    options: trainOptions + [.force],
    runsInCheck: false,
    examples: ["export training handoff", "export training big epochs=30 batch=256 sched=cosine"],
    make: { (a) throws(CommandError) in
      let given = trainOptions.contains { a.values[$0.key] != nil }
      let more = given ? TrainCommand(arguments: a) : nil
      return ExportTrainingCommand(
        folder: a.path("DIR") ?? "", moreTraining: more, force: a.flag("force") ?? false)
    })

  public var folder: String
  /// A training to add after the session's (train options given, or none run yet).
  public var moreTraining: TrainCommand?
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("export training")
    let data = try session.requireData("export training")
    guard let input = session.model.inputShape, let outputShape = session.model.outputShape,
      !session.model.isEmpty
    else {
      throw .refused(
        command: "export training", problem: "the model has no layers",
        hint: "build a network first, e.g. `input data` then `conv 8 3 relu`")
    }
    guard input == data.train.shape else {
      throw .refused(
        command: "export training",
        problem: "the model takes \(input), the data set's images are \(data.train.shape)",
        hint: "start the model with `input data`")
    }
    var phases = session.trainingPhases.filter { ($0.completedSteps ?? 0) > 0 || $0.finished }
    var initial = session.weightsBeforeTraining
    if phases.isEmpty { initial = nil }
    if moreTraining != nil || phases.isEmpty {
      let command = (moreTraining ?? TrainCommand(epochs: 1, optimizer: "adam", weightDecay: 0)).applying(session.trainingDefaults)
      let options = command.options(in: session)
      let loss = options.loss ?? LossKind.automatic(input: input, output: outputShape)
      phases.append(TrainingPhase(options: options, loss: loss))
    }
    for phase in phases {
      do {
        _ = try phase.loss.makeLoss(for: session.model, classes: data.train.classNames.count)
      } catch {
        throw Session.refusal("export training", error)
      }
    }
    let model: String
    do {
      model = try PyTorchExport.source(session.model, architecture: session.architectureScript)
    } catch {
      throw error.refusal("export training")
    }
    let weights = SafeTensors(
      tensors: initial ?? ModelCheckpoint.tensors(of: session.model),
      metadata: ["format": "pt", "written_by": "cnnrepl \(CnnreplVersion.string)"])
    let initialBytes: Data
    let dataBytes: Data
    do {
      initialBytes = try weights.encoded()
      dataBytes = try TrainingDataFile.encoded(data)
    } catch {
      throw .refused(
        command: "export training", problem: "cannot encode the weights: \(error)", hint: "help")
    }
    let autoencoder = outputShape == input && !outputShape.isFlat
    let plan = TrainingPlanFile.json(
      phases: phases, seed: session.seed, dataset: data.name, autoencoder: autoencoder)
    let files: [(String, Data)] = [
      ("model.py", Data(model.utf8)),
      ("train.py", Data(TrainingScript.source(version: CnnreplVersion.string).utf8)),
      ("plan.json", Data(plan.utf8)),
      ("initial.safetensors", initialBytes),
      ("data.safetensors", dataBytes),
      ("README.md", Data(TrainingPlanFile.readme(phases: phases, data: data).utf8)),
    ]
    try FileAccess.makeFolder(folder, command: "export training")
    for (name, bytes) in files {
      let path = (folder as NSString).appendingPathComponent(name)
      try FileAccess.refuseOverwrite(
        path, with: bytes, force: force, confinement: session.options.writeConfinement,
        command: "export training")
    }
    for (name, bytes) in files {
      try FileAccess.writeAtomically(
        bytes, to: (folder as NSString).appendingPathComponent(name), command: "export training")
    }
    let steps = phases.count == 1 ? "1 training" : "\(phases.count) trainings"
    output.present(
      .text([
        "wrote \(FileAccess.reportedPath(folder)): \(steps) of \(data.name), "
          + "\(grouped(data.train.count)) + \(grouped(data.test.count)) images",
        "there: `python train.py` or `torchrun --nproc_per_node=N train.py`",
        "then here: `import \(folder)/trained.safetensors`",
        "and `show curve \(folder)/metrics.jsonl`",
      ]))
  }
}
