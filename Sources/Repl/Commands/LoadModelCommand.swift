import Core

/// The `load model FILE.safetensors` command.
public struct LoadModelCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "load model", category: .files,
    abstract: "read weights written by `save model`",
    discussion: [
      "with layers present, every tensor name and shape must match the model, or nothing changes",
      "with no layers, the architecture stored in the file is built first",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["safetensors"]), help: "file to read")
    ],
    examples: ["load model mnist.safetensors"],
    make: { (a) throws(CommandError) in LoadModelCommand(path: a.path("FILE") ?? "") })

  public var path: String

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("load model")  // the trainer owns the weights meanwhile
    // Inside a script, a relative name is found next to the script first (`save` writes the
    // weights beside its script and names them so).
    let path = UserDataPath.resolve(path, in: session)
    let data = try FileAccess.readData(path, command: "load model")
    let file: SafeTensors
    do { file = try SafeTensors(decoding: data) } catch {
      throw .refused(
        command: "load model", problem: "\(path): \(error.problem)",
        hint: "the file is damaged or not a safetensors file")
    }
    let rebuild = session.model.isEmpty
    if rebuild {
      let (input, specs) = try ModelCheckpoint.architecture(of: file, command: "load model")
      // Check against a scratch model first, so a bad file leaves the session unchanged.
      let scratch = Sequential(seed: session.seed)
      do { try scratch.setStack(input: input, specs: specs) } catch {
        throw .shape(command: "load model", error)
      }
      try ModelCheckpoint.check(file, against: scratch, command: "load model")
      try session.edit("load model", changedBy: "load model \(path)") { model throws(ShapeError) in
        try model.setStack(input: input, specs: specs)
      }
    } else {
      try ModelCheckpoint.check(file, against: session.model, command: "load model")
    }
    if session.mode == .check { return }
    ModelCheckpoint.copy(file, into: session.model)
    session.weightsLoadedFromFile()
    if let warning = NonFiniteWeights.warning(for: file, path: path) {
      output.present(.text([warning]))
    }
    let count = file.tensors.reduce(0) { $0 + $1.values.count }
    output.present(
      .text(["loaded \(file.tensors.count) tensors (\(group(count)) params) from \(path)"]))
    if rebuild { output.present(.summary(session.model.summary)) }
  }
}
