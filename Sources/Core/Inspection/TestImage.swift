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

/// A conv row seen through one test image: the layer, the output of every row up to it (rows
/// after it are not run), the row it reads and the image's label (shared by `show conv` and
/// `show im2col`).
struct PatchConvolutionPass {
  let conv: any PatchConvolution
  let outputs: [Tensor]
  let inputRow: Int
  let label: Int

  /// The row's input as the conv sees it.
  var input: Tensor { outputs[inputRow] }

  /// Row `row`'s layer, refused (naming `tool`) unless it is a ``PatchConvolution``.
  static func layer(_ row: Int, in model: Sequential, tool: String) throws(InspectionError)
    -> any PatchConvolution
  {
    try TestImage.checkRow(row, in: model, first: 1)
    guard let conv = model.layers[row - 1] as? any PatchConvolution else {
      throw TestImage.wrongLayer(
        row, in: model, tool: tool, wanted: "a conv row") { $0 is any PatchConvolution }
    }
    return conv
  }

  /// Row `row` of `model` (refused unless a ``PatchConvolution``, naming `tool`) on test image
  /// `index`, in inference mode: one forward pass through rows `1 ... row`.
  static func run(
    model: Sequential, data: ImageSet, normalization: Normalization, index: Int, row: Int,
    tool: String, threads: Int
  ) throws(InspectionError) -> PatchConvolutionPass {
    let conv = try layer(row, in: model, tool: tool)
    let (image, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    let outputs = model.forwardCollecting(
      image, throughRow: row, context: ComputeContext(mode: .inference, threads: threads))
    return PatchConvolutionPass(
      conv: conv, outputs: outputs, inputRow: model.inputRows(ofRow: row)[0], label: label)
  }
}
