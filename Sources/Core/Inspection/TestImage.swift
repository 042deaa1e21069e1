/// Picks one image of a split as the model sees it, and checks rows and models (shared by the
/// inspection tools).
enum TestImage {
  /// Image `index` of `data` as a batch of one, normalised as training does, and its label.
  static func tensor(
    model: Sequential, data: ImageSet, normalization: Normalization, index: Int
  ) throws(InspectionError) -> (image: Tensor, label: Int) {
    guard let input = model.inputShape, !model.isEmpty else { throw .emptyModel }
    guard input == data.shape else { throw .inputMismatch(model: input, data: data.shape) }
    guard index >= 0, index < data.count else {
      throw .noSuchImage(index: index, count: data.count)
    }
    var batch = Tensor(batch: 1, shape: data.shape)
    var labels: [Int] = []
    data.gather([index], normalization: normalization, into: &batch, labels: &labels)
    return (batch, labels[0])
  }

  /// Refuses an empty model or a row outside `first ... rows`.
  static func checkRow(_ row: Int, in model: Sequential, first: Int = 0) throws(InspectionError) {
    guard model.inputShape != nil, !model.isEmpty else { throw .emptyModel }
    guard (first...model.layers.count).contains(row) else {
      throw .noSuchRow(row: row, first: first, last: model.layers.count)
    }
  }

  /// The normalised value of a pixel-space value `pixel` (`0.5` is mid grey).
  static func normalized(_ pixel: Float, _ normalization: Normalization) -> Float {
    (pixel - normalization.mean) / normalization.std
  }
}

extension TestImage {
  /// The refusal for row `row` not being `wanted`, listing the rows whose layer `matches`.
  static func wrongLayer(
    _ row: Int, in model: Sequential, tool: String, wanted: String,
    matches: (any Layer) -> Bool
  ) -> InspectionError {
    .wrongLayer(
      row: row, layer: model.specs[row - 1].description, tool: tool, wanted: wanted,
      rows: model.layers.indices.filter { matches(model.layers[$0]) }.map { $0 + 1 })
  }
}
