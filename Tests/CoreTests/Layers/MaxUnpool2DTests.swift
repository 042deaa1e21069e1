import Core
import TestSupport
import Testing

@Suite struct MaxUnpool2DTests {
  let training = ComputeContext(mode: .training)

  /// A maxpool run on `input` and an unpool connected to it by hand, as Sequential does.
  func connectedPair(
    _ input: Tensor, kernel: Int = 2, stride: Int = 2, padding: Int = 0
  ) throws -> (pool: MaxPool2D, unpool: MaxUnpool2D, pooled: Tensor) {
    let pool = MaxPool2D(kernel: kernel, stride: stride, padding: padding)
    let pooled = pool.forward(input, context: training)
    let unpool = MaxUnpool2D(poolRow: 1)
    unpool.pool = pool
    unpool.row = 2
    unpool.targetSpec = pool.spec
    unpool.poolInputShape = input.shape
    unpool.poolOutputShape = pooled.shape
    var random = SeededRandom(seed: 1)
    try unpool.build(input: pooled.shape, random: &random)
    return (pool, unpool, pooled)
  }

  @Test func putsValuesBackWhereTheMaximaWere() throws {
    let (pool, unpool, pooled) = try connectedPair(countingPlane(4, 4))
    let y = unpool.forward(pooled, context: training)
    #expect(pool.argmax == [5, 7, 13, 15])
    #expect(y.shape == Shape(height: 4, width: 4, channels: 1))
    #expect(y.storage == [0, 0, 0, 0, 0, 6, 0, 8, 0, 0, 0, 0, 0, 14, 0, 16])
    let g = unpool.backward(countingPlane(4, 4), context: training)
    #expect(g.shape == pooled.shape)
    #expect(g.storage == [6, 8, 14, 16])
  }

  @Test(arguments: [(2, 2, 0), (3, 3, 1), (2, 3, 0)])
  func gradientMatchesFiniteDifferences(kernel: Int, stride: Int, padding: Int) throws {
    let input = tieFreeInput(batch: 2, shape: Shape(height: 6, width: 7, channels: 2))
    let (pool, unpool, pooled) = try connectedPair(
      input, kernel: kernel, stride: stride, padding: padding)
    // `unpool.pool` is weak: keep the maxpool alive for the whole check.
    let report = withExtendedLifetime(pool) { GradientCheck.check(unpool, input: pooled) }
    #expect(report.worst < 1e-2, "\(report)")
  }

  /// `input 4x4x1`, `maxpool 2`, `maxunpool 1`: the maxima come back in place, the rest is 0.
  @Test func sequentialRoundTrip() throws {
    let model = Sequential()
    try model.setInput(Shape(height: 4, width: 4, channels: 1))
    try model.append(.maxPool(kernel: 2))
    try model.append(.maxUnpool(poolRow: 1))
    #expect(model.shapes.map(\.description) == ["4x4x1", "2x2x1", "4x4x1"])
    let x = Tensor(
      batch: 2, shape: Shape(height: 4, width: 4, channels: 1),
      storage: [
        1, 9, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 1,
        -1, -2, -3, -4, -5, -6, -7, -8, 9, 8, 7, 6, 5, 4, 3, 2,
      ])
    let y = model.forward(x, context: training)
    #expect(y.shape == x.shape)
    #expect(
      y.storage == [
        0, 9, 0, 0, 0, 0, 0, 7, 8, 0, 0, 0, 0, 0, 5, 0,
        -1, 0, -3, 0, 0, 0, 0, 0, 9, 0, 7, 0, 0, 0, 0, 0,
      ])
    let g = model.backward(Tensor(batch: 2, shape: x.shape, repeating: 1), context: training)
    #expect(g.storage == y.storage.map { $0 == 0 ? 0 : 1 })
    #expect(model.summary.rows.map(\.receptiveField) == [1, 2, 2])
    #expect(model.receptiveFields.last == ReceptiveField(size: 2, jump: 1))
  }

  @Test func refusesARowThatIsNotAMaxpool() throws {
    let model = Sequential()
    try model.setInput(Shape(height: 8, width: 8, channels: 1))
    try model.append(.avgPool(kernel: 2))
    do {
      try model.append(.maxUnpool(poolRow: 1))
      Issue.record("maxunpool of an avgpool was accepted")
    } catch {
      #expect(
        error.description
          == "maxunpool 1: row 1 is `avgpool 2`, not a maxpool; "
          + "give the row number of a maxpool above this layer")
    }
    #expect(model.specs.map(\.layer) == [.avgPool(kernel: 2)])
  }

  @Test func refusesRowsOutsideTheModelAndChangedShapes() throws {
    let model = Sequential()
    try model.setInput(Shape(height: 8, width: 8, channels: 1))
    try model.append(.maxPool(kernel: 2))
    func refusal(_ spec: LayerSpec) -> String {
      do {
        try model.append(spec)
        try model.removeLast()
        return "accepted"
      } catch { return error.description }
    }
    #expect(refusal(.maxUnpool(poolRow: 0)).contains("row 0 is the input, not a maxpool"))
    #expect(refusal(.maxUnpool(poolRow: 2)).contains("row 2 is not above this layer (row 2)"))
    try model.append(.upsample(factor: 2))
    #expect(
      refusal(.maxUnpool(poolRow: 1))
        == "maxunpool 1: input 8x8x1 is not the 4x4x1 that the maxpool at row 1 gives; "
        + "the layers between them must keep its output shape")
    #expect(model.specs.count == 2)
  }
}
