/// Which rows of a stack may run as one fused pass, decided once from the layers whenever the
/// stack changes, so the forward and backward loops ask the plan instead of testing types.
///
/// - A ``Conv2D`` whose only reader is a ``MaxPool2D`` in the next row is a candidate pair
///   (nothing else needs the unpooled output): the conv decides
///   per batch whether its own settings allow the fused pass (`conv … relu` or no activation,
///   `maxpool 2`), see ``Conv2D/forwardPooled(_:by:context:)``.
/// - A ``Conv2D`` that reads row 0 (row 1, or any `from=0`) computes only its parameter
///   gradients in training (its input is the data, whose gradient nobody reads).
/// - A ``BatchNorm`` whose only reader is a `relu` row right after it (not the last row)
///   runs both rows in one pass in training and `predict`
///   (``BatchNorm/forward(_:context:relu:)``): relu costs no pass over memory of its own.
/// - A ``Conv2D`` or ``DepthwiseConv2D`` with no activation whose only reader is a
///   ``BatchNorm`` in the next row runs in `predict` as one folded conv
///   (``BatchNormFoldable``), with the relu row too when the batchnorm alone feeds one.
/// - Inference fusion leaves a pool's `argmax` as it was, so it is off in a stack with a
///   `maxunpool` (which reads that `argmax`).
///
/// This is the one place outside `Sources/Core/Layers` that names concrete layer types.
struct FusionPlan {
  /// Row index (0-based) of each conv that is followed by a maxpool, with both layers.
  private let pairs: [Int: (conv: Conv2D, pool: MaxPool2D)]
  /// Convs that read the data (row 0), by layer index.
  private let dataConvs: [Int: Conv2D]
  /// Row index (0-based) of each batchnorm followed by a relu row that only it feeds.
  private let normRelus: [Int: BatchNorm]
  /// Row index (0-based) of each foldable layer whose only reader is a batchnorm right after
  /// it, with the batchnorm.
  private let normFolds: [Int: (layer: any BatchNormFoldable, norm: BatchNorm)]
  /// False when some row is a `maxunpool`.
  let fusesInference: Bool

  init(layers: [any Layer], wiring: Wiring) {
    var pairs: [Int: (conv: Conv2D, pool: MaxPool2D)] = [:]
    for i in layers.indices.dropLast() where wiring.readers[i + 1] == [i + 2] {
      if let conv = Self.conv(layers[i]), let pool = layers[i + 1] as? MaxPool2D,
        wiring.inputs[i + 1] == [i + 1]
      {
        pairs[i] = (conv, pool)
      }
    }
    self.pairs = pairs
    var normRelus: [Int: BatchNorm] = [:]
    for i in layers.indices.dropLast(2)
    where wiring.readers[i + 1] == [i + 2] && wiring.inputs[i + 1] == [i + 1] {
      if let norm = Self.norm(layers[i]), let relu = layers[i + 1] as? ActivationLayer,
        relu.activation == .relu
      {
        normRelus[i] = norm
      }
    }
    self.normRelus = normRelus
    var normFolds: [Int: (layer: any BatchNormFoldable, norm: BatchNorm)] = [:]
    for i in layers.indices.dropLast()
    where wiring.readers[i + 1] == [i + 2] && wiring.inputs[i + 1] == [i + 1] {
      if let layer = layers[i] as? any BatchNormFoldable, let norm = Self.norm(layers[i + 1]) {
        normFolds[i] = (layer, norm)
      }
    }
    self.normFolds = normFolds
    var dataConvs: [Int: Conv2D] = [:]
    for i in layers.indices where wiring.inputs[i] == [0] {
      if let conv = Self.conv(layers[i]) { dataConvs[i] = conv }
    }
    self.dataConvs = dataConvs
    fusesInference = !layers.contains { layer in
      if case .maxUnpool = layer.spec { return true }
      return false
    }
  }

  /// The conv at `row` (0-based) and the maxpool right after it, if that is what they are.
  func convPool(at row: Int) -> (conv: Conv2D, pool: MaxPool2D)? { pairs[row] }

  /// The batchnorm at `row` (0-based) when a relu row it alone feeds follows it.
  func normRelu(at row: Int) -> BatchNorm? { normRelus[row] }

  /// The conv at `row` (0-based) and the batchnorm that alone reads it, if that is what they
  /// are (the conv may still decline: see ``BatchNormFoldable/foldingTarget(relu:)``).
  func normFold(at row: Int) -> (layer: any BatchNormFoldable, norm: BatchNorm)? {
    normFolds[row]
  }

  /// The conv at `row` (0-based) when it reads the data.
  func dataConv(at row: Int) -> Conv2D? { dataConvs[row] }

  private static func conv(_ layer: any Layer) -> Conv2D? { layer as? Conv2D }

  private static func norm(_ layer: any Layer) -> BatchNorm? { layer as? BatchNorm }
}
