import Core
import TestSupport
import Testing

@Suite struct AvgPool2DTests {
  let training = ComputeContext(mode: .training)

  @Test func forwardAveragesEachWindow() {
    let y = AvgPool2D(kernel: 2, stride: 2).forward(countingPlane(4, 4), context: training)
    // (1+2+5+6)/4, (3+4+7+8)/4, (9+10+13+14)/4, (11+12+15+16)/4
    #expect(y.storage == [3.5, 5.5, 11.5, 13.5])
  }

  /// Padded zeros count in the divisor (PyTorch `count_include_pad=True`):
  /// `F.avg_pool2d(torch.arange(1., 17).view(1,1,4,4), 3, 2, 1)` =
  /// [[(1+2+5+6)/9, (2+3+4+6+7+8)/9], [(5+6+9+10+13+14)/9, (6+7+8+10+11+12+14+15+16)/9]].
  @Test func paddedZerosCountInTheDivisor() {
    let y = AvgPool2D(kernel: 3, stride: 2, padding: 1).forward(
      countingPlane(4, 4), context: training)
    let expected: [Float] = [14 / 9, 30 / 9, 57 / 9, 99 / 9]
    for (a, b) in zip(y.storage, expected) { #expect(abs(a - b) < 1e-5) }
  }

  @Test func backwardSpreadsGradientOverRealCells() {
    let pool = AvgPool2D(kernel: 3, stride: 2, padding: 1)
    _ = pool.forward(countingPlane(4, 4), context: training)
    let g = pool.backward(
      Tensor(batch: 1, shape: Shape(height: 2, width: 2, channels: 1), storage: [9, 0, 0, 0]),
      context: training)
    #expect(g.storage == [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
  }

  @Test func shapesAndRefusals() throws {
    let pool = AvgPool2D(kernel: 3, stride: 1, padding: 1)
    let input = Shape(height: 7, width: 5, channels: 4)
    #expect(try pool.outputShape(for: input) == input)
    #expect(pool.parameterCount(for: input) == 0 && pool.macs(for: input) == 0)
    #expect(throws: ShapeError.needsImageInput(layer: "avgpool 3 stride=1 pad=1", input: .flat(4)))
    {
      _ = try pool.outputShape(for: .flat(4))
    }
    #expect(throws: ShapeError.self) {
      _ = try AvgPool2D(kernel: 2, stride: 2, padding: 2).outputShape(for: input)
    }
    #expect(
      AvgPool2D(kernel: 3, stride: 3).receptiveField(after: ReceptiveField(size: 5, jump: 2))
        == ReceptiveField(size: 9, jump: 6))
  }

  @Test(arguments: [(2, 2, 0), (3, 2, 1), (3, 1, 1), (2, 1, 1)])
  func gradientMatchesFiniteDifferences(kernel: Int, stride: Int, padding: Int) throws {
    let pool = AvgPool2D(kernel: kernel, stride: stride, padding: padding)
    let shape = Shape(height: 5, width: 6, channels: 2)
    var random = SeededRandom(seed: 1)
    try pool.build(input: shape, random: &random)
    let report = GradientCheck.check(pool, input: GradientCheck.randomInput(batch: 2, shape: shape))
    #expect(report.worst < 1e-2, "\(report)")
  }
}
