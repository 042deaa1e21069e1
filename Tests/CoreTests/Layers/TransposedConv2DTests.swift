import Core
import TestSupport
import Testing

struct TransposedCase: CustomStringConvertible, Sendable {
  var filters = 3
  var kernel = 3
  var stride = 1
  var padding = 0
  var activation: Activation? = nil
  var input = Shape(height: 4, width: 3, channels: 2)

  var layer: TransposedConv2D {
    TransposedConv2D(
      filters: filters, kernel: kernel, stride: stride, padding: padding, activation: activation)
  }
  var description: String { "\(layer.spec) on \(input)" }

  func built() throws -> TransposedConv2D {
    let layer = self.layer
    var random = SeededRandom(seed: 13)
    try layer.build(input: input, random: &random)
    layer.parameters[1].value = (0..<filters).map { Float($0) * 0.1 - 0.1 }
    return layer
  }
}

private let cases: [TransposedCase] = [
  TransposedCase(),
  TransposedCase(stride: 2, padding: 1),
  TransposedCase(
    filters: 2, kernel: 4, stride: 2, padding: 1, input: Shape(height: 3, width: 3, channels: 3)),
  // k < s leaves gaps between the stamps.
  TransposedCase(kernel: 2, stride: 3, input: Shape(height: 3, width: 2, channels: 2)),
  TransposedCase(stride: 2, activation: .sigmoid),
  // 529 input positions: one image per GEMM.
  TransposedCase(filters: 2, kernel: 2, input: Shape(height: 23, width: 23, channels: 1)),
]

@Suite("TransposedConv2D")
struct TransposedConv2DTests {
  @Test(arguments: cases)
  func forwardMatchesScatterLoop(_ c: TransposedCase) throws {
    let layer = try c.built()
    let x = GradientCheck.randomInput(batch: 3, shape: c.input)
    let y = layer.forward(x, context: ComputeContext(mode: .training, threads: 2))
    let expected = ConvReference.transposed(
      x, weight: layer.parameters[0].value, bias: layer.parameters[1].value, filters: c.filters,
      kernel: c.kernel, stride: c.stride, padding: c.padding)
    ConvReference.expectClose(y, ConvReference.activated(expected, c.activation))
  }

  @Test(arguments: cases)
  func gradientsMatchFiniteDifferences(_ c: TransposedCase) throws {
    ConvReference.expectGradientsMatch(
      try c.built(), input: GradientCheck.randomInput(batch: 2, shape: c.input),
      parameters: ["weight", "bias"])
  }

  @Test func threadCountDoesNotChangeResults() throws {
    let c = TransposedCase(
      filters: 4, kernel: 4, stride: 2, padding: 1, activation: .relu,
      input: Shape(height: 5, width: 5, channels: 3))
    ConvReference.expectThreadIndependence(try c.built(), input: c.input)
  }

  /// PyTorch ConvTranspose2d(16, 8, 4, stride=2, padding=1) on 7x7x16: weight 16·8·4·4 + bias 8
  /// = 2,056 parameters; out (7 − 1)·2 − 2 + 4 = 14.
  @Test func parameterCountsNamesAndMacs() throws {
    let input = Shape(height: 7, width: 7, channels: 16)
    let layer = TransposedConv2D(filters: 8, kernel: 4, stride: 2, padding: 1)
    #expect(layer.parameterCount(for: input) == 2_056)
    #expect(layer.macs(for: input) == 7 * 7 * 16 * 16 * 8)  // Hin·Win·Cin·k·k·Cout
    var random = SeededRandom(seed: 1)
    try layer.build(input: input, random: &random)
    #expect(layer.parameters.map(\.name) == ["weight", "bias"])
    #expect(layer.parameters.map(\.dimensions) == [[16, 8, 4, 4], [8]])
    // ⌈4/2⌉ − 1 = 1 more input pixel; jump halves.
    #expect(
      layer.receptiveField(after: ReceptiveField(size: 10, jump: 4))
        == ReceptiveField(size: 14, jump: 2))
  }

  /// `out = (in − 1)·s − 2P + k`.
  @Test(arguments: [
    (
      TransposedCase(
        filters: 8, kernel: 2, stride: 2, input: Shape(height: 7, width: 7, channels: 4)), "14x14x8"
    ),  // 6·2 + 2
    (
      TransposedCase(
        filters: 1, kernel: 3, stride: 2, padding: 1, input: Shape(height: 7, width: 5, channels: 4)
      ), "13x9x1"
    ),  // 12 − 2 + 3, 8 − 2 + 3
    (
      TransposedCase(filters: 2, kernel: 5, input: Shape(height: 3, width: 3, channels: 1)), "7x7x2"
    ),  // 2 + 5
    (
      TransposedCase(
        filters: 4, kernel: 3, stride: 3, padding: 2, input: Shape(height: 2, width: 2, channels: 1)
      ), "2x2x4"
    ),  // 3 − 4 + 3
  ])
  func outputShapes(_ c: TransposedCase, expected: String) throws {
    #expect(try c.layer.outputShape(for: c.input).description == expected)
  }

  @Test func refusesImpossibleLayers() {
    let image = Shape(height: 4, width: 4, channels: 2)
    #expect {
      _ = try TransposedConv2D(filters: 4, kernel: 3, padding: 3).outputShape(for: image)
    } throws: { error in
      "\(error)" == "deconv 4 3 pad=3: pad 3 must be smaller than the kernel 3; use pad=1 or less"
    }
    #expect {
      _ = try TransposedConv2D(filters: 4, kernel: 3, padding: 2).outputShape(
        for: Shape(height: 1, width: 4, channels: 2))
    } throws: { error in
      "\(error)".contains("(1 - 1)·1 - 2·2 + 3 = -1")
    }
    for layer in [
      TransposedConv2D(filters: 0, kernel: 3), TransposedConv2D(filters: 2, kernel: 0),
      TransposedConv2D(filters: 2, kernel: 3, stride: 0),
      TransposedConv2D(filters: 2, kernel: 3, padding: -1),
    ] {
      #expect(throws: ShapeError.self) { _ = try layer.outputShape(for: image) }
    }
    #expect(throws: ShapeError.needsImageInput(layer: "deconv 4 3", input: .flat(16))) {
      _ = try TransposedConv2D(filters: 4, kernel: 3).outputShape(for: .flat(16))
    }
  }
}
