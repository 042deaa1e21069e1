import Core
import Foundation
import ModelFiles

/// The `export onnx FILE.onnx [force=yes]` command.
public struct ExportONNXCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "export onnx", category: .files,
    abstract: "write the network and its weights as an ONNX model (opset \(ONNXExport.opset))",
    discussion: [
      "inference mode: batchnorm uses its running statistics, dropout is left out",
      "input `input` [N, C, H, W] (NCHW, N free), output `output`; initializers are named",
      "as `save model` names tensors (1.weight, 1.bias); opset \(ONNXExport.opset), IR version \(ONNXExport.irVersion)",
      "Python: onnxruntime.InferenceSession(FILE).run(None, {\"input\": x})",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["onnx"]), help: "ONNX file to write")
    ],
    options: [.force],
    runsInCheck: false,
    examples: ["export onnx lenet5.onnx"],
    make: { (a) throws(CommandError) in
      ExportONNXCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("export onnx")  // the trainer owns the weights meanwhile
    let data: Data
    do {
      data = try ONNXExport.encoded(session.model, architecture: session.architectureScript)
    } catch {
      throw error.refusal("export onnx")
    }
    try FileAccess.writeFile(
      data, to: path, force: force, confinement: session.options.writeConfinement,
      command: "export onnx")
    let count = session.model.parameters.reduce(0) { $0 + $1.count }
    output.present(
      .text([
        "wrote ONNX opset \(ONNXExport.opset): \(session.model.layers.count) rows, "
          + "\(grouped(count)) params (\(SummaryTable.bytes(data.count))) to \(path)"
      ]))
  }
}
