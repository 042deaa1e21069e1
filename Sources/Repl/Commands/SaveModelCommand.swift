import Core
import Foundation
import ModelFiles

/// The `save model FILE.safetensors [force=yes]` command.
public struct SaveModelCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "save model", category: .files,
    abstract: "write the weights as a safetensors file",
    discussion: [
      "tensors are named <row>.<param>, e.g. 1.weight [Cout, Cin, kh, kw] and 1.bias [Cout]",
      "Python: safetensors.numpy.load_file(FILE) reads it",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["safetensors"]), help: "file to write")
    ],
    options: [.force],
    runsInCheck: false,
    examples: ["save model mnist.safetensors"],
    make: { (a) throws(CommandError) in
      SaveModelCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("save model")  // the trainer owns the weights meanwhile
    guard !session.model.isEmpty else {
      throw .refused(
        command: "save model", problem: "the model has no layers", hint: "build one first")
    }
    let file = ModelCheckpoint.file(for: session.model, architecture: session.architectureScript)
    let data: Foundation.Data
    do { data = try file.encoded() } catch {
      throw .refused(
        command: "save model", problem: error.problem, hint: "rename the layers' parameters")
    }
    try FileAccess.writeFile(
      data, to: path, force: force, confinement: session.options.writeConfinement,
      command: "save model")
    let count = file.tensors.reduce(0) { $0 + $1.values.count }
    output.present(
      .text([
        "saved \(file.tensors.count) tensors (\(grouped(count)) params, \(SummaryTable.bytes(data.count))) to \(FileAccess.reportedPath(path))"
      ]))
  }
}
