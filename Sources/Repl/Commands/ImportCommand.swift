import Core
import ModelFiles

/// The `import FILE.safetensors` command: weights written by PyTorch (the `export pytorch`
/// module's `save_weights`, or `safetensors.torch.save_file(model.state_dict())`; batchnorm's
/// int64 `num_batches_tracked` counters are skipped) into the current model of the same
/// architecture.
public struct ImportCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "import", category: .files,
    abstract: "read weights trained in PyTorch (names as `export pytorch` gives them)",
    discussion: [
      "the model must already have the same layers; every tensor name and shape must match",
      "(1.weight [Cout, Cin, k, k], …), or nothing changes; num_batches_tracked is ignored",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["safetensors"]), help: "file to read")
    ],
    runsInCheck: false,  // changes no shape; the file may be written by the script itself
    examples: ["import trained.safetensors"],
    make: { (a) throws(CommandError) in ImportCommand(path: a.path("FILE") ?? "") })

  public var path: String

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("import")  // the trainer owns the weights meanwhile
    guard !session.model.isEmpty else {
      throw .refused(
        command: "import", problem: "the model has no layers to put the weights in",
        hint: "build the architecture the file was trained for first (`run FILE.cnn`)")
    }
    // The header first: names and shapes are checked against the model before any data is read.
    let reader = try SafeTensorsReader(
      path: path, skipping: BatchCounterFilter.skips, command: "import",
      hint: "write it with save_weights from `export pytorch` (float32 tensors only)")
    try ModelCheckpoint.check(reader.header, against: session.model, command: "import")
    let file = try reader.tensors()
    ModelCheckpoint.copy(file, into: session.model)
    session.weightsLoadedFromFile()
    if let warning = NonFiniteWeights.warning(for: file, path: path) {
      output.present(.text([warning]))
    }
    let count = file.tensors.reduce(0) { $0 + $1.values.count }
    output.present(
      .text(["imported \(file.tensors.count) tensors (\(grouped(count)) params) from \(path)"]))
  }
}
