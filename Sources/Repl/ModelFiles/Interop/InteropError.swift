import Core

/// Why a model cannot leave cnnrepl (export) or come back in (import), with what to do.
public enum InteropError: StudentFacingError, Hashable, Sendable {
  /// No `input HxWxC` or no layers yet.
  case noModel
  /// A layer the target format has no way to express; `row` is its summary row.
  case unsupportedLayer(row: Int, layer: String, format: String, reason: String)
  /// An ONNX file that does not parse as a ModelProto.
  case notONNX(problem: String)
  /// The layer at `row` lacks weights its operator needs (`names`, e.g. `weight`).
  case missingWeights(row: Int, layer: String, names: [String])

  public var problem: String {
    switch self {
    case .noModel: "the model has no layers"
    case let .unsupportedLayer(row, layer, format, reason):
      "row \(row) `\(layer)` cannot be written as \(format): \(reason)"
    case .notONNX(let problem): "the file is not an ONNX model: \(problem)"
    case let .missingWeights(row, layer, names):
      "row \(row) `\(layer)` has no \(names.joined(separator: ", ")) to write"
    }
  }

  public var hint: String {
    switch self {
    case .noModel: "build one first (`input 28x28x1`, layers) or `preset lenet5`"
    case .unsupportedLayer: "replace that row (`replace N CMD`) and export again"
    case .notONNX: "give a file written by `export onnx`"
    case .missingWeights:
      "give the model its input shape (`input HxWxC` or `input data`) and export again"
    }
  }
}
