import Core
import Foundation
import ModelFiles

/// Rebuilding and checking a model from a checkpoint, with refusals a command reports.
extension ModelCheckpoint {
  /// The input shape and layers a checkpoint's metadata describes.
  public static func architecture(of metadata: [String: String], command: String)
    throws(CommandError) -> (Shape, [RowSpec])
  {
    guard let script = metadata[architectureKey] else {
      throw .refused(
        command: command,
        problem: "the file has no `\(architectureKey)` metadata to rebuild the model from",
        hint: "build the same model first (input and layers), then load the weights into it")
    }
    var input: Shape?
    var specs: [RowSpec] = []
    for line in ScriptLines.split(script) {
      let parsed: (any ReplCommand)?
      do { parsed = try CommandParser.parse(String(line)) } catch {
        throw .refused(
          command: command, problem: "the architecture in the file does not parse: \(error)",
          hint: "the file was written by another version or edited")
      }
      switch parsed {
      case nil: continue
      case let layer as any LayerCommand: specs.append(layer.row)
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
}
