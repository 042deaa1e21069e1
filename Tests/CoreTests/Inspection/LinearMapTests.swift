import Core
import TestSupport
import Testing

/// `show matrix`: a conv-family row is a sparse matrix with tied entries; `M·x + b` must give
/// the layer's own forward pass, and a deconv's matrix must be a conv's, transposed.
@Suite struct LinearMapTests {
  static let layers: [(Shape, LayerSpec)] = [
    (Shape(height: 5, width: 5, channels: 1), .conv(filters: 1, kernel: 3)),
    (Shape(height: 7, width: 6, channels: 2), .conv(filters: 3, kernel: 3, stride: 2, padding: .same)),
    (Shape(height: 6, width: 6, channels: 2),
     .conv(filters: 2, kernel: 2, padding: .explicit(1), dilation: 2)),
    (Shape(height: 6, width: 5, channels: 2), .conv(filters: 2, kernel: 3, bias: false)),
    (Shape(height: 6, width: 6, channels: 3),
     .depthwiseConv(kernel: 3, multiplier: 2, stride: 2, padding: .same)),
    (Shape(height: 3, width: 4, channels: 2), .transposedConv(filters: 2, kernel: 3, stride: 2, padding: 1)),
  ]

  @Test(arguments: layers.indices) func matrixTimesInputPlusBiasIsTheLayer(_ i: Int) throws {
    let (input, spec) = Self.layers[i]
    let model = try Sequential.built(input: input, [spec], seed: UInt64(i + 3)) { Float($0) * 0.1 - 0.2 }
    let layer = try #require(model.layers[0] as? any LinearMapLayer)
    let map = try layer.linearMap(for: input)
    #expect(map.rows == model.shapes[1].count)
    #expect(map.columns == input.count)
    for seed in 1...3 {
      let x = GradientCheck.randomInput(batch: 1, shape: input, seed: UInt64(seed))
      let y = model.forward(x, context: ComputeContext(mode: .inference)).storage
      let product = map.apply(x.storage)
      let worst = zip(y, product).map { abs($0 - $1) }.max() ?? 1
      #expect(worst < 1e-5, "\(spec): largest difference \(worst)")
    }
    // Written out, the dense matrix times x gives the same.
    let x = GradientCheck.randomInput(batch: 1, shape: input, seed: 9)
    let dense = map.dense
    let bias = map.bias ?? []
    let plane = map.output.height * map.output.width
    for r in 0..<map.rows {
      var sum: Float = bias.isEmpty ? 0 : bias[r / plane]
      for c in 0..<map.columns { sum += dense[r * map.columns + c] * x.storage[c] }
      #expect(abs(sum - map.apply(x.storage)[r]) < 1e-5)
    }
  }

  /// Every weight appears at every window position it can reach: a valid stride-1 conv ties
  /// each of its `k·k` weights to `Hout·Wout` entries, and the free count is `k·k + 1`.
  @Test func eachWeightIsSharedByEveryPosition() throws {
    let input = Shape(height: 5, width: 5, channels: 1)
    let model = try Sequential.built(input: input, [.conv(filters: 1, kernel: 3)], seed: 1) { _ in 0.5 }
    let map = try #require(model.layers[0] as? any LinearMapLayer).linearMap(for: input)
    #expect(map.entries.count == 9 * 9)
    #expect(map.freeCount == 10)
    var uses = [Int](repeating: 0, count: 9)
    for e in map.entries { uses[e.weight] += 1 }
    #expect(uses == [Int](repeating: 9, count: 9))
    // Row (0, 1, 2) starts its window at input (1, 2): weight (0, 0) sits at column 1·5 + 2.
    let row = LinearMap.flatIndex(0, 1, 2, in: map.output)
    #expect(map.weightIndex(row: row, column: 7) == 0)
    #expect(map.weightIndex(row: row, column: 8) == 1)
    #expect(map.weightIndex(row: row, column: 0) == nil)
    #expect(map.weightPosition(5) == [0, 0, 1, 2])
  }

  /// A deconv (k, s, P) is the transpose of the conv (k, s, pad P) from its output's shape
  /// back to its input's, with the same kernel array read `[o, c, ky, kx]`.
  @Test func deconvIsTheTransposeOfAConv() throws {
    let input = Shape(height: 3, width: 4, channels: 2)
    let deconv = try Sequential.built(
      input: input, [.transposedConv(filters: 3, kernel: 3, stride: 2, padding: 1)], seed: 4
    ) { _ in 0 }
    let output = deconv.shapes[1]
    let conv = try Sequential.built(
      input: output, [.conv(filters: 2, kernel: 3, stride: 2, padding: .explicit(1))], seed: 5
    ) { _ in 0 }
    #expect(conv.shapes[1] == input)
    let d = try #require(deconv.layers[0] as? any LinearMapLayer).linearMap(for: input)
    let c = try #require(conv.layers[0] as? any LinearMapLayer).linearMap(for: output)
    #expect(d.weightDimensions == c.weightDimensions)
    let transposed = Set(c.entries.map { LinearMap.Entry(row: $0.column, column: $0.row, weight: $0.weight) })
    #expect(Set(d.entries) == transposed)
    #expect(!transposed.isEmpty)
  }
}

extension LinearMapTests {
  /// The check `show matrix` prints: the layer rebuilt on a crop agrees with its matrix there.
  @Test(arguments: layers.indices) func checkOnACropAgrees(_ i: Int) throws {
    let (input, spec) = Self.layers[i]
    let model = try Sequential.built(input: input, [spec], seed: UInt64(i + 3)) { Float($0) * 0.1 }
    let layer = try #require(model.layers[0] as? any LinearMapLayer)
    let crop = GradientCheck.randomInput(
      batch: 1, shape: Shape(height: input.height - 1, width: input.width - 1, channels: input.channels),
      seed: 4)
    let (map, difference) = try layer.checkedLinearMap(on: crop)
    #expect(map.input == crop.shape)
    #expect(difference < 1e-5)
  }
}

extension LinearMapTests {
  /// Geometries whose windows hang over the input's edge in different ways.
  static let countedLayers: [(Shape, LayerSpec)] =
    layers + [
      (Shape(height: 9, width: 7, channels: 2),
       .conv(filters: 3, kernel: 3, stride: 2, padding: .same, dilation: 2)),
      (Shape(height: 8, width: 5, channels: 1), .conv(filters: 2, kernel: 5, padding: .same)),
      (Shape(height: 7, width: 7, channels: 2), .depthwiseConv(kernel: 3, multiplier: 2)),
      (Shape(height: 5, width: 4, channels: 2),
       .depthwiseConv(kernel: 5, multiplier: 2, padding: .same)),
      (Shape(height: 4, width: 3, channels: 2),
       .transposedConv(filters: 3, kernel: 4, stride: 2, padding: 1)),
      (Shape(height: 3, width: 5, channels: 1), .transposedConv(filters: 2, kernel: 3, stride: 1)),
    ]

  /// The non-zeros counted from the geometry are those of the matrix written out, on the
  /// row's input and on smaller and larger ones.
  @Test(arguments: countedLayers.indices) func geometricCountIsTheMatrixCount(_ i: Int) throws {
    let (input, spec) = Self.countedLayers[i]
    let model = try Sequential.built(input: input, [spec], seed: UInt64(i + 1)) { _ in 0.5 }
    let layer = try #require(model.layers[0] as? any LinearMapLayer)
    for (dh, dw) in [(0, 0), (-1, 0), (2, 3)] {
      let shape = Shape(
        height: input.height + dh, width: input.width + dw, channels: input.channels)
      let map = try layer.linearMap(for: shape)
      let nonZero = map.dense.filter { $0 != 0 }.count
      #expect(map.entries.count == nonZero, "\(spec) on \(shape): every weight is 0.5")
      #expect(try layer.nonZeroCount(for: shape) == map.entries.count, "\(spec) on \(shape)")
    }
  }

  /// The count needs no matrix: a 224x224x64 `conv 64 3` (a 3.2M x 3.2M matrix) answers at
  /// once, and with every window inside (valid padding) it is the layer's MACs.
  @Test func countingNeedsNoMatrix() throws {
    let input = Shape(height: 224, width: 224, channels: 64)
    let model = try Sequential.built(input: input, [.conv(filters: 64, kernel: 3)], seed: 1) {
      _ in 0
    }
    let layer = try #require(model.layers[0] as? any LinearMapLayer)
    #expect(try layer.nonZeroCount(for: input) == 222 * 222 * 64 * 64 * 9)
    #expect(try layer.nonZeroCount(for: input) == layer.macs(for: input))
  }
}
