import Core
import Foundation

/// A model's weights as a safetensors file, with the architecture as a session script in the
/// metadata (`cnnrepl.architecture`), so `load model` can rebuild an empty session.
///
/// Tensor names are `<row>.<parameter name>` (`1.weight`, `1.bias`, `4.running_mean`), shapes
/// are ``Core/Parameter/dimensions`` (PyTorch order).
public enum ModelCheckpoint {
  public static let architectureKey = "cnnrepl.architecture"
  public static let versionKey = "cnnrepl.version"

  /// Every parameter of `model` as named tensors, in row order.
  public static func tensors(of model: Sequential) -> [SafeTensors.Tensor] {
    model.layers.enumerated().flatMap { index, layer in
      layer.parameters.map {
        SafeTensors.Tensor(name: "\(index + 1).\($0.name)", shape: $0.dimensions, values: $0.value)
      }
    }
  }

  /// The file for `model` described by `architecture` (its session script).
  public static func file(for model: Sequential, architecture: String) -> SafeTensors {
    SafeTensors(
      tensors: tensors(of: model),
      metadata: [architectureKey: architecture, versionKey: CnnreplVersion.string, "format": "pt"])
  }

  /// The input shape and layers a checkpoint's metadata describes.
  public static func architecture(of metadata: [String: String], command: String)
    throws(CommandError) -> (Shape, [LayerSpec])
  {
    guard let script = metadata[architectureKey] else {
      throw .refused(
        command: command,
        problem: "the file has no `\(architectureKey)` metadata to rebuild the model from",
        hint: "build the same model first (input and layers), then load the weights into it")
    }
    var input: Shape?
    var specs: [LayerSpec] = []
    for line in ScriptLines.split(script) {
      let parsed: (any ReplCommand)?
      do { parsed = try CommandParser.parse(String(line)) } catch {
        throw .refused(
          command: command, problem: "the architecture in the file does not parse: \(error)",
          hint: "the file was written by another version or edited")
      }
      switch parsed {
      case nil: continue
      case let layer as any LayerCommand: specs.append(layer.layer)
      case let inputCommand as InputCommand where inputCommand.shape != nil:
        input = inputCommand.shape
      default:
        throw .refused(
          command: command, problem: "the architecture in the file has `\(line)`",
          hint: "only `input HxWxC` and layer commands may appear there")
      }
    }
    guard let input else {
      throw .refused(
        command: command, problem: "the architecture in the file has no `input HxWxC`",
        hint: "the file was edited or damaged")
    }
    return (input, specs)
  }

  /// Checks that `header` describes exactly the tensors of `model` with the same shapes
  /// (before any data is read).
  public static func check(_ header: SafeTensorsHeader, against model: Sequential, command: String)
    throws(CommandError)
  {
    let expected = tensors(of: model)
    let names = Set(expected.map(\.name))
    let stored = Dictionary(header.entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for tensor in expected {
      guard let entry = stored[tensor.name] else {
        throw .refused(
          command: command,
          problem:
            "the file has no tensor `\(tensor.name)` (shape \(tensor.shape)) that this model needs",
          hint: "load it into the architecture it was saved from (`reset` first to rebuild that)")
      }
      guard entry.shape == tensor.shape else {
        throw .refused(
          command: command,
          problem:
            "tensor `\(tensor.name)` has shape \(entry.shape) in the file but \(tensor.shape) in the model",
          hint: "`reset` first to rebuild the saved architecture, or build the same layers")
      }
    }
    if let extra = header.entries.first(where: { !names.contains($0.name) }) {
      throw .refused(
        command: command,
        problem:
          "the file's tensor `\(extra.name)` (shape \(extra.shape)) has no place in this model",
        hint: "`reset` first to rebuild the saved architecture, or build the same layers")
    }
  }

  /// Copies every tensor of `file` into `model`'s parameters (after ``check(_:against:command:)``).
  public static func copy(_ file: SafeTensors, into model: Sequential) {
    let stored = Dictionary(file.tensors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for (index, layer) in model.layers.enumerated() {
      for parameter in layer.parameters {
        if let tensor = stored["\(index + 1).\(parameter.name)"],
          tensor.values.count == parameter.count
        {
          parameter.value = tensor.values
        }
      }
    }
  }
}
