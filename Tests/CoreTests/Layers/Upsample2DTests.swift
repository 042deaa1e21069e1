import Core
import TestSupport
import Testing

@Suite struct Upsample2DTests {
  let training = ComputeContext(mode: .training)

  @Test func everyPixelBecomesABlock() {
    let up = Upsample2D(factor: 2)
    let y = up.forward(countingPlane(2, 2), context: training)
    #expect(y.shape == Shape(height: 4, width: 4, channels: 1))
    #expect(y.storage == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
    let g = up.backward(countingPlane(4, 4), context: training)
    // Blocks of 1…16: (1+2+5+6), (3+4+7+8), (9+10+13+14), (11+12+15+16).
    #expect(g.storage == [14, 22, 46, 54])
  }

  @Test func shapesReceptiveFieldAndRefusals() throws {
    let up = Upsample2D(factor: 3)
    let input = Shape(height: 7, width: 5, channels: 16)
    #expect(try up.outputShape(for: input) == Shape(height: 21, width: 15, channels: 16))
    #expect(up.parameterCount(for: input) == 0 && up.macs(for: input) == 0)
    #expect(
      up.receptiveField(after: ReceptiveField(size: 10, jump: 4))
        == ReceptiveField(size: 10, jump: 4.0 / 3))
    #expect(throws: ShapeError.needsImageInput(layer: "upsample 3", input: .flat(3))) {
      _ = try up.outputShape(for: .flat(3))
    }
    #expect(throws: ShapeError.self) { _ = try Upsample2D(factor: 0).outputShape(for: input) }
  }

  @Test(arguments: [1, 2, 3])
  func gradientMatchesFiniteDifferences(factor: Int) throws {
    let up = Upsample2D(factor: factor)
    let shape = Shape(height: 3, width: 2, channels: 2)
    var random = SeededRandom(seed: 1)
    try up.build(input: shape, random: &random)
    let report = GradientCheck.check(up, input: GradientCheck.randomInput(batch: 2, shape: shape))
    #expect(report.worst < 1e-2, "\(report)")
  }
}
