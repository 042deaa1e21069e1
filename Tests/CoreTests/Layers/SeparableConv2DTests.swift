import Core
import TestSupport
import Testing

private func builtSeparable(_ layer: SeparableConv2D, input: Shape) throws -> SeparableConv2D {
  var random = SeededRandom(seed: 11)
  try layer.build(input: input, random: &random)
  let bias = layer.parameters[2]
  bias.value = (0..<bias.count).map { Float($0) * 0.05 - 0.1 }
  return layer
}

@Suite("SeparableConv2D")
struct SeparableConv2DTests {
  struct Case: CustomStringConvertible, Sendable {
    var filters: Int
    var kernel: Int
    var stride = 1
    var padding = Padding.valid
    var activation: Activation? = nil
    var input: Shape

    func built() throws -> SeparableConv2D {
      try builtSeparable(
        SeparableConv2D(
          filters: filters, kernel: kernel, stride: stride, padding: padding,
          activation: activation), input: input)
    }
    var description: String {
      let spec = LayerSpec.separableConv(
        filters: filters, kernel: kernel, stride: stride, padding: padding, activation: activation)
      return "\(spec) on \(input)"
    }
  }

  static let cases: [Case] = [
    Case(filters: 4, kernel: 3, input: Shape(height: 6, width: 7, channels: 3)),
    Case(
      filters: 3, kernel: 3, stride: 2, padding: .same,
      input: Shape(height: 7, width: 6, channels: 2)),
    Case(
      filters: 5, kernel: 2, padding: .explicit(1), activation: .tanh,
      input: Shape(height: 5, width: 5, channels: 2)),
  ]

  @Test(arguments: cases)
  func forwardMatchesDirectLoop(_ c: Case) throws {
    let layer = try c.built()
    let x = GradientCheck.randomInput(batch: 2, shape: c.input)
    let y = layer.forward(x, context: ComputeContext(mode: .training))
    let p = layer.parameters.map(\.value)
    // Depthwise (no bias), then a 1x1 conv with the pointwise weights and bias.
    let middle = ConvReference.depthwise(
      x, weight: p[0], bias: nil, kernel: c.kernel, multiplier: 1, stride: c.stride,
      padding: c.padding)
    let expected = ConvReference.conv(
      middle, weight: p[1], bias: p[2], filters: c.filters, kernel: 1)
    ConvReference.expectClose(y, ConvReference.activated(expected, c.activation))
  }

  @Test(arguments: cases)
  func gradientsMatchFiniteDifferences(_ c: Case) throws {
    ConvReference.expectGradientsMatch(
      try c.built(), input: GradientCheck.randomInput(batch: 2, shape: c.input),
      parameters: ["depthwise.weight", "pointwise.weight", "pointwise.bias"])
  }

  @Test func threadCountDoesNotChangeResults() throws {
    let c = Case(
      filters: 6, kernel: 3, activation: .relu, input: Shape(height: 8, width: 8, channels: 3))
    ConvReference.expectThreadIndependence(try c.built(), input: c.input)
  }

  /// Keras SeparableConv2D(F, k) counts k·k·Cin + Cin·F + F.
  ///
  /// SeparableConv2D(32, 3) on 28x28x1: 9 + 32 + 32 = 73; SeparableConv2D(64, 3) on 26x26x32:
  /// 288 + 2,048 + 64 = 2,400.
  @Test func parameterCountsNamesAndMacs() throws {
    let first = SeparableConv2D(filters: 32, kernel: 3, activation: .relu)
    #expect(first.parameterCount(for: Shape(height: 28, width: 28, channels: 1)) == 73)
    let second = SeparableConv2D(filters: 64, kernel: 3)
    let input = Shape(height: 26, width: 26, channels: 32)
    #expect(second.parameterCount(for: input) == 2_400)
    // k²·Cin·Hout·Wout + Cin·F·Hout·Wout = 9·32·576 + 32·64·576
    #expect(second.macs(for: input) == 9 * 32 * 576 + 32 * 64 * 576)
    var random = SeededRandom(seed: 1)
    try second.build(input: input, random: &random)
    #expect(
      second.parameters.map(\.name) == ["depthwise.weight", "pointwise.weight", "pointwise.bias"])
    #expect(second.parameters.map(\.dimensions) == [[32, 1, 3, 3], [64, 32, 1, 1], [64]])
    #expect(second.parameters.map(\.count).reduce(0, +) == 2_400)
    #expect(second.receptiveField(after: .input) == ReceptiveField(size: 3, jump: 1))
  }

  @Test func shapesAndRefusals() throws {
    // ⌈28/2⌉ = 14 with same; ⌊(13 − 3)/2⌋ + 1 = 6 valid.
    #expect(
      try SeparableConv2D(filters: 8, kernel: 3, stride: 2, padding: .same).outputShape(
        for: Shape(height: 28, width: 28, channels: 4)
      ).description == "14x14x8")
    #expect(
      try SeparableConv2D(filters: 8, kernel: 3, stride: 2).outputShape(
        for: Shape(height: 13, width: 13, channels: 4)
      ).description == "6x6x8")
    #expect {
      _ = try SeparableConv2D(filters: 8, kernel: 5).outputShape(
        for: Shape(height: 4, width: 4, channels: 2))
    } throws: { error in
      "\(error)"
        == "sepconv 8 5: input 4x4x2 is smaller than the 5x5 kernel: (4 - 5 + 2·0)/1 + 1 = 0; use pad=same or a smaller kernel"
    }
    #expect(throws: ShapeError.self) {
      _ = try SeparableConv2D(filters: 0, kernel: 3).outputShape(
        for: Shape(height: 8, width: 8, channels: 2))
    }
  }
}
