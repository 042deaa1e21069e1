/// A plane of Float values to draw: a feature map, a kernel, a heat map or one channel of an image.
///
/// Values are row-major, `values[y·width + x]`; `minimum` and `maximum` are the grid's own range
/// (a renderer scales each grid by it unless it is given a shared range).
public struct Grid: Hashable, Sendable {
  public let height: Int
  public let width: Int
  public let values: [Float]
  public let minimum: Float
  public let maximum: Float

  /// A grid over `values` (`height·width` of them, row-major); the range is computed.
  public init(height: Int, width: Int, values: [Float]) {
    precondition(values.count == height * width, "grid values do not match \(height)x\(width)")
    self.height = height
    self.width = width
    self.values = values
    minimum = values.min() ?? 0
    maximum = values.max() ?? 0
  }

  /// Plane `channel` of sample `sample` of `tensor` (`H x W`, NCHW).
  public init(_ tensor: Tensor, sample: Int = 0, channel: Int) {
    let area = tensor.shape.height * tensor.shape.width
    let start = (sample * tensor.shape.channels + channel) * area
    self.init(
      height: tensor.shape.height, width: tensor.shape.width,
      values: Array(tensor.storage[start..<(start + area)]))
  }

  /// The value at row `y`, column `x`.
  public subscript(y: Int, x: Int) -> Float { values[y * width + x] }

  /// The largest absolute value (the half-width of a symmetric, diverging range).
  public var maximumMagnitude: Float { max(abs(minimum), abs(maximum)) }

  /// The same grid with every value mapped to `[0, 1]` by its range (all 0 when flat).
  public var normalizedToUnit: Grid {
    let span = maximum - minimum
    guard span > 0 else {
      return Grid(height: height, width: width, values: [Float](repeating: 0, count: values.count))
    }
    return Grid(height: height, width: width, values: values.map { ($0 - minimum) / span })
  }
}
