import Foundation
import ModelFiles

/// The `save FILE.cnn [force=yes]` command.
public struct SaveCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "save", category: .files,
    abstract: "write the commands that rebuild this session to FILE.cnn",
    discussion: [
      "the script holds seed, threads, data, input and one line per layer; `run FILE.cnn` replays it",
      "trainings that replay exactly are `train` lines; other weights (a stopped or steered training, an edit after training, `load model`) go to FILE.safetensors beside it, which the script loads",
      "an existing different file is kept unless force=yes",
    ],
    arguments: [ArgumentSpec("FILE", "file", .file(extensions: ["cnn"]), help: "script to write")],
    options: [.force],
    runsInCheck: false,
    examples: ["save mynet.cnn", "save mynet.cnn force=yes"],
    make: { (a) throws(CommandError) in
      SaveCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    session.settleTraining()
    var script = session.sessionScript
    var weights: (path: String, data: Data)?
    if !session.scriptRebuildsWeights {
      // Trained (or loaded, stopped, steered or edited) weights no replay would give: they go
      // beside the script, which loads them instead of `train` lines that would lie.
      try session.requireIdleModel("save")
      let file = ModelCheckpoint.file(
        for: session.model, architecture: session.architectureScript)
      let data: Data
      do { data = try file.encoded() } catch {
        throw .refused(command: "save", problem: error.problem, hint: "rename the layers' parameters")
      }
      let weightsPath = Self.weightsPath(for: path)
      weights = (weightsPath, data)
      script += "load model \(Self.scriptReference(to: weightsPath, from: path))\n"
    }
    let data = Data(script.utf8)
    try FileAccess.refuseOverwrite(
      path, with: data, force: force, confinement: session.options.writeConfinement,
      command: "save")
    if let weights {
      try FileAccess.refuseOverwrite(
        weights.path, with: weights.data, force: force,
        confinement: session.options.writeConfinement, command: "save")
      try FileAccess.writeAtomically(weights.data, to: weights.path, command: "save")
    }
    try FileAccess.writeAtomically(data, to: path, command: "save")
    let lines = script.split(separator: "\n").count
    var report = "saved \(lines) lines to \(FileAccess.reportedPath(path))"
    if let weights {
      report += " and the weights (no `train` line replays them) to "
        + FileAccess.reportedPath(weights.path)
    }
    output.present(.text([report]))
  }

  /// `net.cnn` → `net.safetensors` beside it.
  static func weightsPath(for script: String) -> String {
    let stem = (script as NSString).deletingPathExtension
    return stem + ".safetensors"
  }

  /// How the script names its weights: by file name when they sit beside it (a script and its
  /// weights travel together; `run` finds relative paths next to the script), else absolute.
  static func scriptReference(to weights: String, from script: String) -> String {
    let folder = (script as NSString).deletingLastPathComponent
    if (weights as NSString).deletingLastPathComponent == folder {
      return (weights as NSString).lastPathComponent
    }
    return URL(fileURLWithPath: weights).standardizedFileURL.path
  }
}
