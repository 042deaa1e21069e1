import Core
import ModelFiles

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
    // The header first: names and shapes are checked against the model before any data is read.
    let reader = try SafeTensorsReader(
      path: path, command: "load model", hint: "the file is damaged or not a safetensors file")
    let rebuild = session.model.isEmpty
    var architecture: (input: Shape, specs: [RowSpec])?
    var target = session.model
    if rebuild {
      let (input, specs) = try ModelCheckpoint.architecture(
        of: reader.header.metadata, command: "load model")
      // Check against a scratch model first, so a bad file leaves the session unchanged.
      target = Sequential(seed: session.seed)
      do { try target.setStack(input: input, specs: specs) } catch {
        throw .shape(command: "load model", error)
      }
      architecture = (input, specs)
    } else if let (_, specs) = try? ModelCheckpoint.architecture(
      of: reader.header.metadata, command: "load model")
    {
      // Weights of the same names and shapes may still have been trained on other wiring.
      let file = Wiring(specs: specs).inputs
      let here = target.wiring.inputs
      if file.count == here.count, let i = file.indices.first(where: { file[$0] != here[$0] }) {
        let rows = { (rows: [Int]) in rows.map(String.init).joined(separator: ",") }
        throw .refused(
          command: "load model",
          problem: "in the file row \(i + 1) reads rows \(rows(file[i])), here it reads "
            + "\(rows(here[i])): the weights were trained on other wiring",
          hint: "`reset` first to load the file's own model")
      }
    }
    try ModelCheckpoint.check(reader.header, against: target, command: "load model")
    let file = try reader.tensors()
    if let architecture {
      try session.edit("load model", changedBy: "load model \(path)") { model throws(ShapeError) in
        try model.setStack(input: architecture.input, specs: architecture.specs)
      }
    }
    if session.mode == .check { return }
    ModelCheckpoint.copy(file, into: session.model)
    session.weightsLoadedFromFile()
    if let warning = NonFiniteWeights.warning(for: file, path: path) {
      output.present(.text([warning]))
    }
    let count = file.tensors.reduce(0) { $0 + $1.values.count }
    output.present(
      .text(["loaded \(file.tensors.count) tensors (\(grouped(count)) params) from \(path)"]))
    if rebuild { output.present(.summary(session.model.summary)) }
  }
}
