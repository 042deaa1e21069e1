/// A layer's output before bias and activation as one matrix times its flattened input
/// (`show matrix L`):
///
///     y = M · x + b        x: the input flattened channel by channel, row by row (`C·H·W`)
///                          y: the output flattened the same way; b[o] added to channel o
///
/// `M` has `output.count` rows and `input.count` columns. A convolution's `M` is sparse and
/// its non-zero entries are *tied*: each is one of the kernel's weights, repeated at every
/// position the window visits. ``entries`` lists the non-zero structure (which weight sits
/// where); a position no window reads is a structural zero.
public struct LinearMap: Sendable {
  /// One tied entry: `M[row, column] = weights[weight]`.
  public struct Entry: Hashable, Sendable {
    public let row: Int
    public let column: Int
    public let weight: Int

    public init(row: Int, column: Int, weight: Int) {
      self.row = row
      self.column = column
      self.weight = weight
    }
  }

  public let input: Shape
  public let output: Shape
  /// The layer's weight parameter as stored (`conv`: `[Cout, Cin, k, k]`).
  public let weightDimensions: [Int]
  public let weights: [Float]
  /// One bias per output channel, or nil for `bias=no`.
  public let bias: [Float]?
  /// Every structurally non-zero entry, ordered by row, then column.
  public let entries: [Entry]

  public init(
    input: Shape, output: Shape, weightDimensions: [Int], weights: [Float], bias: [Float]?,
    entries: [Entry]
  ) {
    self.input = input
    self.output = output
    self.weightDimensions = weightDimensions
    self.weights = weights
    self.bias = bias
    self.entries = entries.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
  }

  public var rows: Int { output.count }
  public var columns: Int { input.count }

  /// How many numbers are free to learn: the weights and the biases (a dense layer with this
  /// matrix would have `rows · columns + rows`).
  public var freeCount: Int { weights.count + (bias?.count ?? 0) }

  /// `M · x + b` for one flattened input (`x.count == columns`).
  public func apply(_ x: [Float]) -> [Float] {
    var y = [Float](repeating: 0, count: rows)
    for e in entries { y[e.row] += weights[e.weight] * x[e.column] }
    if let bias {
      let plane = output.height * output.width
      for r in 0..<rows { y[r] += bias[r / plane] }
    }
    return y
  }

  /// The matrix written out, row-major `rows x columns` (zeros included).
  public var dense: [Float] {
    var m = [Float](repeating: 0, count: rows * columns)
    for e in entries { m[e.row * columns + e.column] = weights[e.weight] }
    return m
  }

  /// The weight index at `(row, column)`, or nil for a structural zero.
  public func weightIndex(row: Int, column: Int) -> Int? {
    var (lo, hi) = (0, entries.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      let e = entries[mid]
      if (e.row, e.column) < (row, column) { lo = mid + 1 } else { hi = mid }
    }
    guard lo < entries.count, entries[lo].row == row, entries[lo].column == column else {
      return nil
    }
    return entries[lo].weight
  }

  /// The position of weight `index` in ``weightDimensions`` (`[o, i, ky, kx]` for a conv).
  public func weightPosition(_ index: Int) -> [Int] {
    var rest = index
    var position = [Int](repeating: 0, count: weightDimensions.count)
    for axis in weightDimensions.indices.reversed() {
      position[axis] = rest % weightDimensions[axis]
      rest /= weightDimensions[axis]
    }
    return position
  }

  /// The (output, tap) pairs of a 1-D window whose tap lands inside an unpadded input of
  /// `size` cells:
  ///
  ///     taps = Σ_{o < outputs} #{t < kernel : 0 ≤ o·s − pad + t·d < size}
  ///
  /// A conv's matrix has `taps(rows) · taps(columns)` non-zeros per pair of an output channel
  /// and an input channel it reads; a deconv's, the same count of the conv it transposes
  /// (outputs and input swapped: each input cell stamps the taps that land in the output).
  public static func windowTaps(
    outputs: Int, size: Int, kernel: Int, stride: Int, dilation: Int = 1, pad: Int
  ) -> Int {
    var count = 0
    for o in 0..<max(outputs, 0) {
      for t in 0..<max(kernel, 0) {
        let i = o * stride - pad + t * dilation
        if i >= 0, i < size { count += 1 }
      }
    }
    return count
  }

  /// Index of `(channel, y, x)` in a flattened `shape`.
  public static func flatIndex(_ channel: Int, _ y: Int, _ x: Int, in shape: Shape) -> Int {
    (channel * shape.height + y) * shape.width + x
  }
}

/// A layer whose output, before bias and activation, is a fixed matrix times its input: it can
/// show that matrix (`show matrix L`). Conv, dwconv and deconv rows answer it.
public protocol LinearMapLayer: Layer {
  /// The layer's matrix for an input of `input` (its current weights; `input` may be smaller
  /// than the row's own input, to show the structure on a crop).
  func linearMap(for input: Shape) throws(ShapeError) -> LinearMap

  /// How many entries of ``linearMap(for:)`` are structurally non-zero (its `entries.count`),
  /// counted from the geometry alone without building the matrix, so it answers for any size.
  func nonZeroCount(for input: Shape) throws(ShapeError) -> Int
}

extension LinearMapLayer {
  /// The layer's kernel (`dimensions`, values) and bias, as the matrix ties them; zeros of
  /// `dimensions` before the layer is built.
  func tiedParameters(dimensions: [Int]) -> (weights: [Float], bias: [Float]?) {
    let weight = parameters.first { $0.name.hasSuffix("weight") }
    let bias = parameters.first { $0.name.hasSuffix("bias") }
    let count = dimensions.reduce(1, *)
    let weights =
      weight.map { $0.value.count == count ? $0.value : [Float](repeating: 0, count: count) }
      ?? [Float](repeating: 0, count: count)
    return (weights, bias?.value)
  }
}

extension LinearMapLayer {
  /// The matrix for `crop` (a batch of one, any spatial size the layer takes) and the largest
  /// `|act(M·x + b) − layer(x)|`, where `layer` is a fresh layer of this spec built for the
  /// crop's shape with these weights: the check `show matrix` prints.
  public func checkedLinearMap(on crop: Tensor) throws(ShapeError) -> (
    map: LinearMap, largestDifference: Float
  ) {
    let map = try linearMap(for: crop.shape)
    let fresh = spec.makeLayer()
    var random = SeededRandom(seed: 0)
    try fresh.build(input: crop.shape, random: &random)
    for (target, source) in zip(fresh.parameters, parameters) where target.count == source.count {
      target.value = source.value
    }
    let layerOutput = fresh.forward(crop, context: ComputeContext(mode: .inference)).storage
    let activation = spec.fusedActivation
    let product = map.apply(crop.storage).map { activation?.value(at: $0) ?? $0 }
    var largest: Float = 0
    for (a, b) in zip(product, layerOutput) { largest = max(largest, abs(a - b)) }
    return (map, largest)
  }
}
