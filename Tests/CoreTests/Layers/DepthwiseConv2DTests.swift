import Core
import TestSupport
import Testing

struct DepthwiseCase: CustomStringConvertible, Sendable {
  var kernel = 3
  var multiplier = 1
  var stride = 1
  var padding = Padding.valid
  var activation: Activation? = nil
  var input = Shape(height: 7, width: 6, channels: 3)

  var layer: DepthwiseConv2D {
    DepthwiseConv2D(
      kernel: kernel, multiplier: multiplier, stride: stride, padding: padding,
      activation: activation)
  }
  var description: String { "\(layer.spec) on \(input)" }

  /// Built from a fixed seed, with a non-zero bias.
  func built() throws -> DepthwiseConv2D {
    let layer = self.layer
    var random = SeededRandom(seed: 5)
    try layer.build(input: input, random: &random)
    layer.parameters[1].value = (0..<layer.parameters[1].count).map { Float($0 % 3) * 0.1 - 0.1 }
    return layer
  }
}

private let cases: [DepthwiseCase] = [
  DepthwiseCase(),
  DepthwiseCase(multiplier: 2, stride: 2),
  DepthwiseCase(
    multiplier: 2, stride: 2, padding: .same, input: Shape(height: 7, width: 8, channels: 2)),
  DepthwiseCase(kernel: 2, padding: .same, input: Shape(height: 5, width: 6, channels: 2)),
  DepthwiseCase(padding: .explicit(1)),
  DepthwiseCase(multiplier: 3, activation: .tanh, input: Shape(height: 5, width: 5, channels: 2)),
  // Outputs wider than one 8-column block (the last one partial), at strides 1, 2 and 3, and
  // padding wider than half the kernel.
  DepthwiseCase(padding: .same, input: Shape(height: 4, width: 19, channels: 2)),
  DepthwiseCase(stride: 2, padding: .same, input: Shape(height: 5, width: 21, channels: 2)),
  DepthwiseCase(stride: 3, padding: .explicit(2), input: Shape(height: 11, width: 13, channels: 2)),
  DepthwiseCase(kernel: 5, padding: .explicit(3), input: Shape(height: 3, width: 9, channels: 1)),
  // A padded plane of 60,003 x 160,019 values: too large to copy, so the layer keeps to the
  // bounded window loops (copying it would ask for 38 GB).
  DepthwiseCase(
    stride: 20_000, padding: .explicit(30_000), input: Shape(height: 1, width: 1, channels: 2)),
]

@Suite("DepthwiseConv2D")
struct DepthwiseConv2DTests {
  @Test(arguments: cases)
  func forwardMatchesDirectLoop(_ c: DepthwiseCase) throws {
    let layer = try c.built()
    let x = GradientCheck.randomInput(batch: 2, shape: c.input)
    let y = layer.forward(x, context: ComputeContext(mode: .training))
    let expected = ConvReference.depthwise(
      x, weight: layer.parameters[0].value, bias: layer.parameters[1].value, kernel: c.kernel,
      multiplier: c.multiplier, stride: c.stride, padding: c.padding)
    ConvReference.expectClose(y, ConvReference.activated(expected, c.activation))
  }

  @Test(arguments: cases)
  func gradientsMatchFiniteDifferences(_ c: DepthwiseCase) throws {
    ConvReference.expectGradientsMatch(
      try c.built(), input: GradientCheck.randomInput(batch: 2, shape: c.input),
      parameters: ["weight", "bias"])
  }

  @Test func threadCountDoesNotChangeResults() throws {
    let c = DepthwiseCase(
      multiplier: 2, stride: 2, padding: .same, activation: .relu,
      input: Shape(height: 9, width: 9, channels: 4))
    ConvReference.expectThreadIndependence(try c.built(), input: c.input)
  }

  /// Keras DepthwiseConv2D(3, depth_multiplier=2) on 8x8x3: 3·3·3·2 + 3·2 = 60 parameters.
  @Test func parameterCountsNamesAndMacs() throws {
    let input = Shape(height: 8, width: 8, channels: 3)
    let layer = DepthwiseConv2D(kernel: 3, multiplier: 2)
    #expect(layer.parameterCount(for: input) == 60)
    #expect(layer.macs(for: input) == 6 * 6 * 3 * 2 * 9)  // Hout·Wout·Cin·M·k·k
    var random = SeededRandom(seed: 1)
    try layer.build(input: input, random: &random)
    #expect(layer.parameters.map(\.name) == ["weight", "bias"])
    #expect(layer.parameters.map(\.dimensions) == [[6, 1, 3, 3], [6]])
    // Keras' fans for its (3, 3, 3, 2) kernel: fanIn = k·k·Cin = 27, fanOut = k·k·M = 18, so
    // the Glorot limit is √(6/45) ≈ 0.365 (PyTorch's fans, 9 and 54, would give √(6/63)).
    let limit = Float((6.0 / 45.0).squareRoot())
    let largest = layer.parameters[0].value.map(abs).max() ?? 0
    #expect(largest <= limit && largest > limit * 0.9)
    #expect(layer.receptiveField(after: .input) == ReceptiveField(size: 3, jump: 1))
  }

  /// Sizes from `⌊(in + 2P − k)/s⌋ + 1` and Keras `same` `⌈in/s⌉`; channels `Cin·M`.
  @Test(arguments: [
    (DepthwiseCase(input: Shape(height: 28, width: 28, channels: 8)), "26x26x8"),
    (
      DepthwiseCase(multiplier: 2, stride: 2, input: Shape(height: 28, width: 28, channels: 8)),
      "13x13x16"
    ),  // ⌊25/2⌋+1
    (
      DepthwiseCase(stride: 2, padding: .same, input: Shape(height: 15, width: 16, channels: 4)),
      "8x8x4"
    ),
    (
      DepthwiseCase(
        kernel: 5, padding: .explicit(2), input: Shape(height: 10, width: 10, channels: 4)),
      "10x10x4"
    ),
  ])
  func outputShapes(_ c: DepthwiseCase, expected: String) throws {
    #expect(try c.layer.outputShape(for: c.input).description == expected)
  }

  @Test func refusesImpossibleLayers() {
    #expect {
      _ = try DepthwiseConv2D(kernel: 3, multiplier: 0).outputShape(
        for: Shape(height: 8, width: 8, channels: 2))
    } throws: { error in
      "\(error)"
        == "dwconv 3 mult=0: the multiplier must be at least 1, not 0; use mult=1 or mult=2"
    }
    #expect(throws: ShapeError.self) {
      _ = try DepthwiseConv2D(kernel: 5).outputShape(for: Shape(height: 4, width: 8, channels: 2))
    }
    #expect(throws: ShapeError.needsImageInput(layer: "dwconv 3", input: .flat(8))) {
      _ = try DepthwiseConv2D(kernel: 3).outputShape(for: .flat(8))
    }
  }
}
