/// One row of the summary table: `#`, layer, output shape, params, MACs, receptive field.
public struct SummaryRow: Hashable, Sendable {
  /// 0 for `input`, 1 for the first layer.
  public var index: Int
  /// The row as typed, normalised (`conv 32 3 relu`, `conv 8 1 from=6`), or `input`.
  public var layer: String
  /// The rows this row reads, its main input first (`[]` for the input row).
  public var inputs: [Int]
  public var outputShape: Shape
  public var parameters: Int
  public var trainableParameters: Int
  /// Multiply-accumulates per image.
  public var macs: Int
  /// Side of the receptive field on the input, in pixels.
  public var receptiveField: Int

  public init(
    index: Int, layer: String, inputs: [Int]? = nil, outputShape: Shape, parameters: Int,
    trainableParameters: Int, macs: Int, receptiveField: Int
  ) {
    self.index = index
    self.layer = layer
    self.inputs = inputs ?? (index > 0 ? [index - 1] : [])
    self.outputShape = outputShape
    self.parameters = parameters
    self.trainableParameters = trainableParameters
    self.macs = macs
    self.receptiveField = receptiveField
  }
}

/// The whole table with its totals, computed from specs and shapes only (no weights needed).
public struct ModelSummary: Hashable, Sendable {
  public var rows: [SummaryRow]

  public init(rows: [SummaryRow], unusedRows: [Int] = []) {
    self.rows = rows
    self.unusedRows = unusedRows
  }

  public var totalParameters: Int { rows.reduce(0) { $0 + $1.parameters } }
  public var trainableParameters: Int { rows.reduce(0) { $0 + $1.trainableParameters } }
  public var macs: Int { rows.reduce(0) { $0 + $1.macs } }
  /// Float32 bytes of every row's output for one image, the input included (forward pass).
  public var activationBytes: Int { rows.reduce(0) { $0 + 4 * $1.outputShape.count } }
  /// True when some row reads more than, or other than, the row above: the table needs its
  /// `in` column.
  public var isBranching: Bool { rows.contains { $0.index > 0 && $0.inputs != [$0.index - 1] } }
  /// Rows before the last whose output no row reads (``Wiring/unusedRows``).
  public var unusedRows: [Int]
}
