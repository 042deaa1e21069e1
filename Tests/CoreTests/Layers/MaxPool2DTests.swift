import Core
import TestSupport
import Testing

/// A batch whose values are distinct multiples of 0.05 in random order, so no pooling window
/// has a tie closer than the gradient check's step (1e-2) could flip.
func tieFreeInput(batch: Int, shape: Shape, seed: UInt64 = 3) -> Tensor {
  var random = SeededRandom(seed: seed)
  let count = batch * shape.count
  var values = (0..<count).map { Float($0) * 0.05 - Float(count) * 0.025 }
  values.shuffle(using: &random)
  return Tensor(batch: batch, shape: shape, storage: values)
}

/// 1, 2, …, H·W on one plane, row-major.
func countingPlane(_ height: Int, _ width: Int, sign: Float = 1) -> Tensor {
  Tensor(
    batch: 1, shape: Shape(height: height, width: width, channels: 1),
    storage: (1...(height * width)).map { sign * Float($0) })
}

@Suite struct MaxPool2DTests {
  let training = ComputeContext(mode: .training)

  @Test func forwardTakesWindowMaximaAndKeepsTheirIndices() {
    let pool = MaxPool2D(kernel: 2, stride: 2)
    let y = pool.forward(countingPlane(4, 4), context: training)
    #expect(y.shape == Shape(height: 2, width: 2, channels: 1))
    #expect(y.storage == [6, 8, 14, 16])
    #expect(pool.argmax == [5, 7, 13, 15])
    #expect(pool.lastInputShape == Shape(height: 4, width: 4, channels: 1))
    #expect(pool.lastBatch == 1)
  }

  /// Padding is −∞ for max pooling: an all-negative input never yields the padded 0.
  ///
  /// Windows (rows × cols, clipped): 0–1 × 0–1, 0–1 × 1–3, 1–3 × 0–1, 1–3 × 1–3, so the maxima
  /// are the top-left cells −1, −2, −5, −6 (`F.max_pool2d(-torch.arange(1., 17).view(1,1,4,4),
  /// 3, 2, 1)` in PyTorch).
  @Test func paddedCellsAreNeverChosen() {
    let pool = MaxPool2D(kernel: 3, stride: 2, padding: 1)
    let y = pool.forward(countingPlane(4, 4, sign: -1), context: training)
    #expect(y.storage == [-1, -2, -5, -6])
    #expect(pool.argmax == [0, 1, 4, 5])
  }

  /// PyTorch's rule: a tie keeps the first cell (row-major), a NaN wins and stays.
  @Test(arguments: [2, 3])
  func tiesKeepTheFirstCellAndNaNPropagates(kernel: Int) {
    let pool = MaxPool2D(kernel: kernel, stride: kernel)
    let side = 2 * kernel
    var values = [Float](repeating: 1, count: side * side)
    values[1] = 5  // window 0 (top-left): 5 at (0, 1) and at (1, 0)
    values[side] = 5
    values[kernel + 1] = .nan  // window 1 (top-right): NaN at (0, kernel + 1) before a 9
    values[side + kernel] = 9
    let x = Tensor(
      batch: 1, shape: Shape(height: side, width: side, channels: 1), storage: values)
    let y = pool.forward(x, context: training)
    #expect(y.storage[0] == 5)
    #expect(y.storage[1].isNaN)
    #expect(Array(pool.argmax.prefix(2)) == [1, Int32(kernel + 1)])
  }

  /// Rows wide enough for four outputs at a time: the same rule (first cell on ties, NaN wins)
  /// in every lane and in the tail, against a plain loop over the four cells of each window.
  @Test func wideRowsKeepTheRuleInEveryLane() {
    let pool = MaxPool2D(kernel: 2, stride: 2)
    let (height, width) = (4, 23)  // 11 outputs a row: two groups of four, a tail of three
    let pattern: [Float] = [1, 5, 5, .nan, 3, -0.0, 0, 2, 5, 1, .nan, 5, -1, -1]
    let values = (0..<height * width).map { pattern[($0 * 5) % pattern.count] }
    let x = Tensor(
      batch: 1, shape: Shape(height: height, width: width, channels: 1), storage: values)
    let y = pool.forward(x, context: training)
    var expected: [Float] = []
    var expectedIndices: [Int32] = []
    for oy in 0..<height / 2 {
      for ox in 0..<width / 2 {
        let cells = [0, 1, width, width + 1].map { 2 * oy * width + 2 * ox + $0 }
        var best = cells[0]
        for cell in cells.dropFirst() where values[cell] > values[best] || values[cell].isNaN {
          best = cell
        }
        expected.append(values[best])
        expectedIndices.append(Int32(best))
      }
    }
    #expect(y.storage.map(\.bitPattern) == expected.map(\.bitPattern))
    #expect(pool.argmax == expectedIndices)
  }

  /// Any window, stride and padding, rows wide enough for blocks of 8 outputs and a partial
  /// block: maxima and indices bit for bit as the clipped window loop defines them (cells in
  /// row-major order, taken when larger or NaN, ties keep the first, padding never chosen), on
  /// values with many ties, NaNs and all-negative stretches.
  @Test(arguments: [
    (3, 1, 1, 14, 14), (3, 2, 1, 9, 21), (3, 3, 1, 10, 29), (2, 1, 0, 5, 19), (5, 2, 2, 12, 17),
    (4, 3, 2, 11, 26), (3, 1, 0, 3, 40), (1, 1, 0, 2, 9),
    // A stride so large the bordered plane would be 480 K values: the window loop runs.
    (3, 20_000, 1, 2, 3),
  ])
  func windowsMatchTheDefinition(
    kernel k: Int, stride s: Int, padding p: Int, height: Int, width: Int
  ) throws {
    let pool = MaxPool2D(kernel: k, stride: s, padding: p)
    let shape = Shape(height: height, width: width, channels: 2)
    var random = SeededRandom(seed: 8)
    let values: [Float] = (0..<(2 * shape.count)).map { i in
      if i % 37 == 5 { return .nan }
      // Quarter steps in [−3, 1]: ties everywhere, and windows that are all below 0.
      return Float(Int(random.next() % 17)) * 0.25 - 3
    }
    let x = Tensor(batch: 2, shape: shape, storage: values)
    let out = try pool.outputShape(for: shape)
    let y = pool.forward(x, context: training)
    for plane in 0..<(2 * shape.channels) {
      for oy in 0..<out.height {
        for ox in 0..<out.width {
          let rows = max(oy * s - p, 0)..<min(oy * s - p + k, height)
          let columns = max(ox * s - p, 0)..<min(ox * s - p + k, width)
          var (best, index) = (-Float.infinity, rows.lowerBound * width + columns.lowerBound)
          for iy in rows {
            for ix in columns {
              let v = values[plane * height * width + iy * width + ix]
              if v > best || v.isNaN { (best, index) = (v, iy * width + ix) }
            }
          }
          let o = plane * out.height * out.width + oy * out.width + ox
          #expect(y.storage[o].bitPattern == best.bitPattern, "plane \(plane) (\(oy), \(ox))")
          #expect(pool.argmax[o] == Int32(index), "plane \(plane) (\(oy), \(ox))")
        }
      }
    }
  }

  @Test func overlappingWindowsShareGradient() {
    // 3x3 input, window 2, stride 1: the centre (largest) is the max of all four windows.
    let pool = MaxPool2D(kernel: 2, stride: 1)
    let x = Tensor(
      batch: 1, shape: Shape(height: 3, width: 3, channels: 1),
      storage: [1, 2, 3, 4, 9, 5, 6, 7, 8])
    let y = pool.forward(x, context: training)
    #expect(y.storage == [9, 9, 9, 9])
    let g = pool.backward(
      Tensor(batch: 1, shape: y.shape, storage: [1, 2, 3, 4]), context: training)
    #expect(g.storage == [0, 0, 0, 0, 10, 0, 0, 0, 0])
  }

  @Test(arguments: [
    (28, 28, 32, 2, 2, 0, 14, 14), (5, 5, 1, 2, 2, 0, 2, 2), (7, 7, 3, 3, 2, 1, 4, 4),
    (6, 4, 2, 3, 1, 1, 6, 4), (13, 13, 8, 3, 2, 0, 6, 6),
  ])
  func outputShapes(h: Int, w: Int, c: Int, k: Int, s: Int, p: Int, outH: Int, outW: Int) throws {
    let pool = MaxPool2D(kernel: k, stride: s, padding: p)
    let input = Shape(height: h, width: w, channels: c)
    #expect(try pool.outputShape(for: input) == Shape(height: outH, width: outW, channels: c))
    #expect(pool.parameterCount(for: input) == 0)
    #expect(pool.macs(for: input) == 0)
    #expect(pool.parameters.isEmpty)
  }

  @Test func refusesPaddingOverHalfTheWindowWithPyTorchsRule() {
    let pool = MaxPool2D(kernel: 3, stride: 3, padding: 2)
    #expect(throws: ShapeError.self) {
      _ = try pool.outputShape(for: Shape(height: 8, width: 8, channels: 1))
    }
    do {
      _ = try pool.outputShape(for: Shape(height: 8, width: 8, channels: 1))
    } catch {
      #expect(
        error.description
          == "maxpool 3 pad=2: pad=2 is more than half the 3x3 window (at most 1); "
          + "use pad=1 or less, as PyTorch requires")
    }
  }

  @Test func refusesWindowsThatDoNotFit() {
    do {
      _ = try MaxPool2D(kernel: 5, stride: 5).outputShape(
        for: Shape(height: 3, width: 3, channels: 8))
      Issue.record("maxpool 5 on 3x3x8 was accepted")
    } catch {
      #expect(
        error.description
          == "maxpool 5: input 3x3x8 is smaller than the 5x5 kernel: (3 - 5 + 2·0)/5 + 1 = 0; "
          + "use pad=same or a smaller kernel")
    }
  }

  @Test func refusesFlatInputAndNonsenseNumbers() {
    #expect(throws: ShapeError.needsImageInput(layer: "maxpool 2", input: .flat(10))) {
      _ = try MaxPool2D(kernel: 2, stride: 2).outputShape(for: .flat(10))
    }
    let image = Shape(height: 8, width: 8, channels: 1)
    for pool in [
      MaxPool2D(kernel: 0, stride: 1), MaxPool2D(kernel: 2, stride: 0),
      MaxPool2D(kernel: 2, stride: 2, padding: -1),
    ] {
      #expect(throws: ShapeError.self) { _ = try pool.outputShape(for: image) }
    }
  }

  @Test func receptiveFieldGrowsByTheWindow() {
    let pool = MaxPool2D(kernel: 2, stride: 2)
    #expect(pool.receptiveField(after: .input) == ReceptiveField(size: 2, jump: 2))
    // After conv 3 (size 3, jump 1): 3 + (3 − 1)·1 = 5, jump 2.
    #expect(
      MaxPool2D(kernel: 3, stride: 2).receptiveField(after: ReceptiveField(size: 3, jump: 1))
        == ReceptiveField(size: 5, jump: 2))
  }

  @Test(arguments: [(2, 2, 0), (3, 2, 1), (2, 1, 0), (3, 3, 1), (3, 1, 1)])
  func gradientMatchesFiniteDifferences(kernel: Int, stride: Int, padding: Int) throws {
    let pool = MaxPool2D(kernel: kernel, stride: stride, padding: padding)
    let shape = Shape(height: 6, width: 5, channels: 2)
    var random = SeededRandom(seed: 1)
    try pool.build(input: shape, random: &random)
    let report = GradientCheck.check(pool, input: tieFreeInput(batch: 2, shape: shape))
    #expect(report.worst < 1e-2, "\(report)")
  }

  @Test func threadCountDoesNotChangeResults() {
    let x = GradientCheck.randomInput(batch: 4, shape: Shape(height: 12, width: 12, channels: 16))
    let pool = MaxPool2D(kernel: 3, stride: 2, padding: 1)
    var outputs: [[Float]] = []
    var gradients: [[Float]] = []
    for threads in [1, 2] {
      let context = ComputeContext(mode: .training, threads: threads)
      let y = pool.forward(x, context: context)
      outputs.append(y.storage)
      gradients.append(pool.backward(y, context: context).storage)
    }
    #expect(outputs[0] == outputs[1])
    #expect(gradients[0] == gradients[1])
  }
}
