import Core
import TestSupport
import Testing

@Suite struct GlobalAvgPool2DTests {
  let training = ComputeContext(mode: .training)

  @Test func averagesEveryChannelToAVector() {
    // Two channels of 2x2: [1, 2, 3, 4] and [10, 20, 30, 40].
    let x = Tensor(
      batch: 1, shape: Shape(height: 2, width: 2, channels: 2),
      storage: [1, 2, 3, 4, 10, 20, 30, 40])
    let gap = GlobalAvgPool2D()
    let y = gap.forward(x, context: training)
    #expect(y.shape == .flat(2))
    #expect(y.storage == [2.5, 25])
    let g = gap.backward(Tensor(batch: 1, shape: .flat(2), storage: [4, 8]), context: training)
    #expect(g.shape == x.shape)
    #expect(g.storage == [1, 1, 1, 1, 2, 2, 2, 2])
  }

  @Test func shapeIsKerasGlobalAveragePooling2D() throws {
    let gap = GlobalAvgPool2D()
    #expect(try gap.outputShape(for: Shape(height: 7, width: 7, channels: 64)) == .flat(64))
    #expect(gap.parameterCount(for: Shape(height: 7, width: 7, channels: 64)) == 0)
    #expect(throws: ShapeError.needsImageInput(layer: "gap", input: .flat(64))) {
      _ = try gap.outputShape(for: .flat(64))
    }
  }

  /// maxpool 2 on 8x8 gives size 2, jump 2; gap over the 4x4 result adds (4 − 1)·2: all 8 pixels.
  @Test func receptiveFieldIsTheWholeInput() throws {
    let gap = GlobalAvgPool2D()
    let pooled = Shape(height: 4, width: 4, channels: 3)
    #expect(
      gap.receptiveField(after: ReceptiveField(size: 2, jump: 2), input: pooled)
        == ReceptiveField(size: 8, jump: 8))
    let model = Sequential()
    try model.setInput(Shape(height: 8, width: 8, channels: 1))
    try model.append(.maxPool(kernel: 2))
    #expect(try model.preview(appending: .globalAvgPool).receptiveField == 8)
    try model.append(.globalAvgPool)
    #expect(model.summary.rows.map(\.receptiveField) == [1, 2, 8])
    #expect(model.receptiveFields.last == ReceptiveField(size: 8, jump: 8))
  }

  @Test func gradientMatchesFiniteDifferences() throws {
    let gap = GlobalAvgPool2D()
    let shape = Shape(height: 3, width: 4, channels: 3)
    var random = SeededRandom(seed: 1)
    try gap.build(input: shape, random: &random)
    let report = GradientCheck.check(gap, input: GradientCheck.randomInput(batch: 2, shape: shape))
    #expect(report.worst < 1e-2, "\(report)")
  }
}
