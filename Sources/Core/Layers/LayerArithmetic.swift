/// A layer's own numbers for one input, each with the line that shows how it is computed
/// (`explain L` prints them under the window's output-size and receptive-field lines).
///
/// Lines use the row's numbers: `params: 32 × (3·3·1) + 32 = 320`. A layer without weights
/// answers ``none``; `outputSize` is set only by layers whose output size is not their
/// window's formula (dense: `10 units`; flatten: `H·W·C`).
public struct LayerArithmetic: Sendable, Equatable {
  /// Parameters, counted as the summary counts them.
  public var parameters: Int
  /// `params: …`, or nil for a layer without weights.
  public var parametersLine: String?
  /// Multiply-accumulates per image, as the summary counts them.
  public var macs: Int
  /// `MACs: …`, or nil for a layer without products.
  public var macsLine: String?
  /// `output size: …`, or nil when the window's formula says it.
  public var outputSizeLine: String?
  /// Further lines (a conv's cost as depthwise-separable).
  public var notes: [String]

  public init(
    parameters: Int = 0, parametersLine: String? = nil, macs: Int = 0, macsLine: String? = nil,
    outputSizeLine: String? = nil, notes: [String] = []
  ) {
    self.parameters = parameters
    self.parametersLine = parametersLine
    self.macs = macs
    self.macsLine = macsLine
    self.outputSizeLine = outputSizeLine
    self.notes = notes
  }

  /// No weights, no products, the window's output size.
  public static let none = LayerArithmetic()
}

/// Where a layer keeps the spatial kernels `show filters` draws and Grad-CAM looks for.
///
/// `parameter` names a `[A, B, k, k]` weight; `outputsFirst` says whether `A` is the output
/// channel (conv, dwconv, sepconv's depthwise step) or the input channel (deconv's
/// `[Cin, Cout, k, k]`).
public struct DrawnKernel: Sendable, Equatable {
  public let parameter: String
  public let outputsFirst: Bool

  public init(parameter: String, outputsFirst: Bool) {
    self.parameter = parameter
    self.outputsFirst = outputsFirst
  }
}
