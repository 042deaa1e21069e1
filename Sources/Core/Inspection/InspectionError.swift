/// Why a look inside the network cannot be computed, as one student-readable line with a hint.
public enum InspectionError: StudentFacingError, Equatable, Sendable {
  /// The model has no input shape or no layers.
  case emptyModel
  /// `row` is not one of the rows `first ... last` this tool takes (0 is the input).
  case noSuchRow(row: Int, first: Int, last: Int)
  /// `index` is not an image of the test split (`count` images).
  case noSuchImage(index: Int, count: Int)
  /// The data's images do not have the model's input shape.
  case inputMismatch(model: Shape, data: Shape)
  /// `channel` is not a channel (or feature) of the row (`channels` of them).
  case noSuchChannel(channel: Int, channels: Int, row: Int)
  /// The row's layer has no spatial kernels to show (`filters` on a dense or pooling row).
  case notConvolutional(row: Int, layer: String)
  /// The row's output is a vector, where a map over the image is needed (Grad-CAM).
  case notSpatial(row: Int, layer: String)
  /// The model does not output one score per class of the data.
  case notClassifier(output: Shape, classes: Int)
  /// An option out of its range.
  case invalidOption(name: String, value: String, hint: String)
  /// The row's layer is not of the kind `tool` works on (`wanted`, e.g. "a conv row"); `rows`
  /// lists the rows of that kind.
  case wrongLayer(row: Int, layer: String, tool: String, wanted: String, rows: [Int])
  /// The model's output is not an image of its input's shape (no autoencoder).
  case notAutoencoder(output: Shape, input: Shape)

  public var problem: String { parts.problem }
  public var hint: String { parts.hint }

  private var parts: (problem: String, hint: String) {
    switch self {
    case .emptyModel:
      ("the model has no layers", "build one first (`input 28x28x1`, `conv 8 3 relu`, … or `preset`)")
    case let .noSuchRow(row, first, last):
      ("row \(row) cannot be used here", "pick a row from \(first)\(first == 0 ? " (the input)" : "") to \(last)")
    case let .noSuchImage(index, count):
      count == 0
        ? ("there are no test images", "load a data set first (`data mnist`)")
        : ("there is no test image \(index)", "pick one from 0 to \(count - 1)")
    case let .inputMismatch(model, data):
      ("the model takes \(model) but the images are \(data)", "set `input \(data)` or load matching data")
    case let .noSuchChannel(channel, channels, row):
      ("row \(row) has no channel \(channel)", "pick one from 0 to \(channels - 1)")
    case let .notConvolutional(row, layer):
      ("row \(row) (`\(layer)`) has no kernels", "pick a conv, dwconv, sepconv or deconv row")
    case let .notSpatial(row, layer):
      ("row \(row) (`\(layer)`) is a vector, not a map", "pick a conv row before `flatten`")
    case let .notClassifier(output, classes):
      ("the model outputs \(output), not one score for each of the \(classes) classes",
       "end it with `dense \(classes) softmax`")
    case let .invalidOption(name, value, hint):
      ("\(name)=\(value) cannot be used", hint)
    case let .wrongLayer(row, layer, tool, wanted, rows):
      ("row \(row) (`\(layer)`) is not \(wanted)",
       rows.isEmpty
         ? "\(tool) needs \(wanted); the model has none"
         : "\(tool) works on \(wanted): "
           + (rows.count == 1 ? "row \(rows[0])" : "rows " + rows.map(String.init).joined(separator: ", ")))
    case let .notAutoencoder(output, input):
      ("the model outputs \(output), not an image like its input \(input)",
       "this needs an autoencoder (`preset autoencoder`)")
    }
  }
}
