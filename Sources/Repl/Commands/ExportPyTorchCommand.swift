import Core
import Foundation
import ModelFiles

/// The `export pytorch FILE.py [force=yes]` command.
public struct ExportPyTorchCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "export pytorch", category: .files,
    abstract: "write the network as a PyTorch nn.Module (Python source)",
    discussion: [
      "submodules are named by row, so state_dict keys are the names `save model` writes:",
      "load_weights(model, FILE.safetensors) in the file reads them, save_weights writes",
      "a file `import` reads back; python FILE.py [WEIGHTS] prints the module",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["py"]), help: "Python file to write")
    ],
    options: [.force],
    runsInCheck: false,
    examples: ["export pytorch lenet5.py"],
    make: { (a) throws(CommandError) in
      ExportPyTorchCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let source: String
    do {
      source = try PyTorchExport.source(session.model, architecture: session.architectureScript)
    } catch {
      throw error.refusal("export pytorch")
    }
    let data = Data(source.utf8)
    try FileAccess.writeFile(
      data, to: path, force: force, confinement: session.options.writeConfinement,
      command: "export pytorch")
    output.present(
      .text([
        "wrote class Model (\(session.model.layers.count) rows) to \(path); "
          + "weights: `save model` then load_weights(model, FILE)"
      ]))
  }
}
