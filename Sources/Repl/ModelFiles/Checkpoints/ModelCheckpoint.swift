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
