import Core
import Testing
import TestSupport

@Suite struct FlattenTests {
  @Test func imageBecomesAVectorInCHWOrder() throws {
    let layer = Flatten()
    let shape = Shape(height: 2, width: 2, channels: 2)
    #expect(try layer.outputShape(for: shape) == .flat(8))
    var x = Tensor(batch: 1, shape: shape)
    x[0, 1, 0, 1] = 5  // channel 1, row 0, column 1 -> index 1·4 + 0·2 + 1 = 5
    let y = layer.forward(x, context: ComputeContext(mode: .inference))
    #expect(y.shape == .flat(8))
    #expect(y.storage[5] == 5)
  }

  @Test func flatInputIsANoOp() throws {
    #expect(try Flatten().outputShape(for: .flat(12)) == .flat(12))
    #expect(Flatten().parameterCount(for: .flat(12)) == 0)
  }

  @Test func gradientsMatchFiniteDifferences() throws {
    let layer = Flatten()
    var random = SeededRandom(seed: 1)
    let shape = Shape(height: 3, width: 2, channels: 2)
    try layer.build(input: shape, random: &random)
    let report = GradientCheck.check(layer, input: GradientCheck.randomInput(batch: 2, shape: shape))
    #expect(report.worst < 1e-3, "\(report)")
    let g = layer.backward(
      Tensor(batch: 2, shape: .flat(12)), context: ComputeContext(mode: .training))
    #expect(g.shape == shape)
  }
}
