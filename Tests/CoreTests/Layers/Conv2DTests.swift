import Core
import Foundation
import TestSupport
import Testing

/// A conv layer built on `input` from a fixed seed, with a non-zero bias so the bias matters.
private func builtConv(_ layer: Conv2D, input: Shape, seed: UInt64 = 3) throws -> Conv2D {
  var random = SeededRandom(seed: seed)
  try layer.build(input: input, random: &random)
  for parameter in layer.parameters where parameter.name == "bias" {
    parameter.value = (0..<parameter.count).map { Float($0 % 5) * 0.1 - 0.2 }
  }
  return layer
}

struct ConvCase: CustomStringConvertible, Sendable {
  var filters = 3
  var kernel = 3
  var stride = 1
  var padding = Padding.valid
  var dilation = 1
  var bias = true
  var activation: Activation? = nil
  var input = Shape(height: 7, width: 6, channels: 2)

  var layer: Conv2D {
    Conv2D(
      filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
      useBias: bias, activation: activation)
  }
  var description: String { "\(layer.spec) on \(input)" }
}

private let cases: [ConvCase] = [
  ConvCase(),
  ConvCase(stride: 2),
  ConvCase(padding: .same, input: Shape(height: 6, width: 6, channels: 2)),
  ConvCase(stride: 2, padding: .same, input: Shape(height: 7, width: 7, channels: 2)),
  ConvCase(kernel: 4, stride: 2, padding: .same, input: Shape(height: 8, width: 5, channels: 2)),
  ConvCase(padding: .explicit(2)),
  ConvCase(dilation: 2, input: Shape(height: 8, width: 7, channels: 2)),
  ConvCase(padding: .same, dilation: 2, input: Shape(height: 6, width: 7, channels: 2)),
  ConvCase(bias: false),
  ConvCase(activation: .relu),
  ConvCase(activation: .tanh),
  ConvCase(filters: 4, kernel: 1, input: Shape(height: 4, width: 5, channels: 3)),
  ConvCase(
    filters: 4, kernel: 1, activation: .sigmoid, input: Shape(height: 4, width: 5, channels: 3)),
  ConvCase(filters: 5, activation: .softmax),
  // Padding wider than the input: some windows see nothing but padding.
  ConvCase(
    filters: 2, kernel: 5, padding: .explicit(2), input: Shape(height: 1, width: 2, channels: 2)),
  ConvCase(
    filters: 2, kernel: 3, stride: 2, padding: .explicit(3),
    input: Shape(height: 2, width: 3, channels: 1)),
  // ≥ 512 output positions: one image per GEMM, no layout copies.
  ConvCase(
    filters: 2, padding: .same, activation: .tanh, input: Shape(height: 24, width: 24, channels: 1)),
  // 100 positions: groups of 6 images, so batch 7 runs as two groups.
  ConvCase(filters: 2, input: Shape(height: 12, width: 12, channels: 2)),
  // Stride 2 over rows of 8 or more outputs (whole 8-wide blocks, then the rest).
  ConvCase(stride: 2, padding: .same, input: Shape(height: 5, width: 40, channels: 2)),
  ConvCase(filters: 2, kernel: 4, stride: 2, input: Shape(height: 6, width: 37, channels: 2)),
]

/// A batch-2 input for `c`; for ReLU, the first seed whose pre-activations all stay 0.02 away
/// from the kink, so no ±0.01 finite-difference step crosses it (|x| ≤ 1, |w| < 1).
private func inputAwayFromKinks(_ c: ConvCase) throws -> Tensor {
  guard c.activation == .relu else { return GradientCheck.randomInput(batch: 2, shape: c.input) }
  var plain = c
  plain.activation = nil
  let twin = try builtConv(plain.layer, input: c.input)
  for seed in UInt64(1)...200 {
    let x = GradientCheck.randomInput(batch: 2, shape: c.input, seed: seed)
    let z = twin.forward(x, context: ComputeContext(mode: .inference))
    if z.storage.allSatisfy({ abs($0) > 0.02 }) { return x }
  }
  throw ShapeError.invalidArgument(layer: "test", problem: "no input away from kinks", hint: "")
}

@Suite("Conv2D")
struct Conv2DTests {
  @Test(arguments: cases)
  func forwardMatchesDirectLoop(_ c: ConvCase) throws {
    let layer = try builtConv(c.layer, input: c.input)
    let x = GradientCheck.randomInput(batch: 2, shape: c.input)
    let y = layer.forward(x, context: ComputeContext(mode: .training))
    let expected = ConvReference.conv(
      x, weight: layer.parameters[0].value, bias: c.bias ? layer.parameters[1].value : nil,
      filters: c.filters, kernel: c.kernel, stride: c.stride, padding: c.padding,
      dilation: c.dilation)
    ConvReference.expectClose(y, ConvReference.activated(expected, c.activation))
  }

  @Test(arguments: cases)
  func gradientsMatchFiniteDifferences(_ c: ConvCase) throws {
    let layer = try builtConv(c.layer, input: c.input)
    ConvReference.expectGradientsMatch(
      layer, input: try inputAwayFromKinks(c), parameters: c.bias ? ["weight", "bias"] : ["weight"])
  }

  @Test func throughActivationFalseSkipsTheActivation() throws {
    let input = Shape(height: 5, width: 5, channels: 2)
    let fused = try builtConv(Conv2D(filters: 3, kernel: 3, activation: .tanh), input: input)
    let plain = try builtConv(Conv2D(filters: 3, kernel: 3), input: input)
    let x = GradientCheck.randomInput(batch: 2, shape: input)
    let context = ComputeContext(mode: .training)
    let g = GradientCheck.randomInput(batch: 2, shape: try fused.outputShape(for: input), seed: 9)
    _ = fused.forward(x, context: context)
    _ = plain.forward(x, context: context)
    let a = fused.backward(g, context: context, throughActivation: false)
    let b = plain.backward(g, context: context, throughActivation: true)
    #expect(zip(a.storage, b.storage).allSatisfy { abs($0 - $1) < 1e-6 })
    #expect(fused.parameters[0].gradient == plain.parameters[0].gradient)
  }

  @Test(arguments: [
    ConvCase(filters: 8, input: Shape(height: 9, width: 9, channels: 3)),
    ConvCase(filters: 6, kernel: 1, input: Shape(height: 5, width: 5, channels: 4)),
    ConvCase(filters: 3, input: Shape(height: 12, width: 12, channels: 2)),
    ConvCase(filters: 2, padding: .same, input: Shape(height: 24, width: 24, channels: 2)),
    ConvCase(
      filters: 4, stride: 2, padding: .same, activation: .relu,
      input: Shape(height: 9, width: 8, channels: 3)),
  ])
  func threadCountDoesNotChangeResults(_ c: ConvCase) throws {
    ConvReference.expectThreadIndependence(try builtConv(c.layer, input: c.input), input: c.input)
  }

  @Test func secondBackwardWithoutForwardGivesTheSameGradients() throws {
    let input = Shape(height: 6, width: 6, channels: 2)
    let layer = try builtConv(Conv2D(filters: 3, kernel: 3), input: input)
    let x = GradientCheck.randomInput(batch: 3, shape: input)
    let context = ComputeContext(mode: .training, threads: 2)
    let y = layer.forward(x, context: context)
    let g = GradientCheck.randomInput(batch: 3, shape: y.shape, seed: 4)
    let first = layer.backward(g, context: context)
    let firstWeights = layer.parameters[0].gradient
    let second = layer.backward(g, context: context)
    #expect(first.storage == second.storage)
    #expect(firstWeights == layer.parameters[0].gradient)
  }

  /// Inference keeps no im2col columns; a backward after it recomputes them.
  @Test func backwardAfterAnInferenceForwardMatchesTraining() throws {
    let input = Shape(height: 9, width: 9, channels: 2)
    let layer = try builtConv(Conv2D(filters: 3, kernel: 3, activation: .relu), input: input)
    let x = GradientCheck.randomInput(batch: 3, shape: input)
    let g = GradientCheck.randomInput(batch: 3, shape: try layer.outputShape(for: input), seed: 2)
    _ = layer.forward(x, context: ComputeContext(mode: .training, threads: 2))
    let trained = layer.backward(g, context: ComputeContext(mode: .training, threads: 2))
    let weights = layer.parameters.map(\.gradient)
    _ = layer.forward(x, context: ComputeContext(mode: .inference, threads: 2))
    let inferred = layer.backward(g, context: ComputeContext(mode: .inference, threads: 2))
    #expect(trained.storage == inferred.storage)
    #expect(layer.parameters.map(\.gradient) == weights)
  }

  /// keras-mnist: Conv2D(32,3) on 28x28x1, Conv2D(64,3) on 13x13x32, Conv2D(128,3) on 5x5x64
  /// (Keras model.summary(): 320, 18,496, 73,856 = k·k·Cin·Cout + Cout).
  @Test(arguments: [
    (32, Shape(height: 28, width: 28, channels: 1), 320),
    (64, Shape(height: 13, width: 13, channels: 32), 18_496),
    (128, Shape(height: 5, width: 5, channels: 64), 73_856),
  ])
  func kerasMnistParameterCounts(filters: Int, input: Shape, expected: Int) throws {
    let layer = Conv2D(filters: filters, kernel: 3, activation: .relu)
    #expect(layer.parameterCount(for: input) == expected)
    var random = SeededRandom(seed: 1)
    try layer.build(input: input, random: &random)
    #expect(layer.parameters.map(\.count).reduce(0, +) == expected)
    #expect(layer.parameters.map(\.name) == ["weight", "bias"])
    #expect(layer.parameters[0].dimensions == [filters, input.channels, 3, 3])
  }

  @Test func countsWithoutBiasMacsAndReceptiveField() {
    let input = Shape(height: 13, width: 13, channels: 32)
    let layer = Conv2D(filters: 64, kernel: 3, useBias: false)
    #expect(layer.parameterCount(for: input) == 18_432)  // 3·3·32·64
    #expect(layer.macs(for: input) == 11 * 11 * 64 * 9 * 32)  // Hout·Wout·Cout·k·k·Cin
    // size 3 jump 2 (after a 2x2 pool) through a 3x3 dilation-2 conv: k_eff 5, 3 + 4·2 = 11.
    let rf = Conv2D(filters: 8, kernel: 3, stride: 2, dilation: 2)
      .receptiveField(after: ReceptiveField(size: 3, jump: 2))
    #expect(rf == ReceptiveField(size: 11, jump: 4))
  }

  /// Expected sizes from `⌊(in + 2P − k_eff)/s⌋ + 1` (valid: P = 0; `k_eff = d·(k − 1) + 1`)
  /// and Keras `same`: `⌈in/s⌉`.
  @Test(arguments: [
    // 28 − 3 + 1
    (ConvCase(filters: 32, input: Shape(height: 28, width: 28, channels: 1)), "26x26x32"),
    (
      ConvCase(filters: 8, kernel: 5, stride: 2, input: Shape(height: 28, width: 28, channels: 1)),
      "12x12x8"
    ),  // ⌊23/2⌋+1
    (
      ConvCase(filters: 8, padding: .same, input: Shape(height: 28, width: 28, channels: 1)),
      "28x28x8"
    ),
    (
      ConvCase(
        filters: 8, stride: 2, padding: .same, input: Shape(height: 7, width: 8, channels: 1)),
      "4x4x8"
    ),  // ⌈7/2⌉, ⌈8/2⌉
    (
      ConvCase(
        filters: 8, kernel: 5, padding: .explicit(2),
        input: Shape(height: 28, width: 28, channels: 3)), "28x28x8"
    ),  // 28+4−5+1
    (
      ConvCase(
        filters: 8, kernel: 3, stride: 2, padding: .explicit(1),
        input: Shape(height: 32, width: 32, channels: 3)), "16x16x8"
    ),  // ⌊31/2⌋+1
    (
      ConvCase(filters: 8, dilation: 2, input: Shape(height: 28, width: 28, channels: 1)), "24x24x8"
    ),  // k_eff 5: 28−5+1
    (
      ConvCase(
        filters: 8, padding: .same, dilation: 3, input: Shape(height: 10, width: 9, channels: 1)),
      "10x9x8"
    ),
    (ConvCase(filters: 16, kernel: 1, input: Shape(height: 5, width: 5, channels: 64)), "5x5x16"),
    (
      ConvCase(filters: 4, kernel: 7, stride: 3, input: Shape(height: 7, width: 13, channels: 2)),
      "1x3x4"
    ),  // ⌊6/3⌋+1 = 3
  ])
  func outputShapes(_ c: ConvCase, expected: String) throws {
    #expect(try c.layer.outputShape(for: c.input).description == expected)
  }

  @Test func refusesAKernelLargerThanTheInputWithTheArithmetic() {
    let layer = Conv2D(filters: 16, kernel: 5)
    #expect {
      _ = try layer.outputShape(for: Shape(height: 3, width: 3, channels: 8))
    } throws: { error in
      "\(error)"
        == "conv 16 5: input 3x3x8 is smaller than the 5x5 kernel: (3 - 5 + 2·0)/1 + 1 = -1; use pad=same or a smaller kernel"
    }
    let dilated = Conv2D(filters: 4, kernel: 3, dilation: 3)
    #expect {
      _ = try dilated.outputShape(for: Shape(height: 6, width: 6, channels: 1))
    } throws: { error in
      "\(error)".contains("(dilated to 7x7)") && "\(error)".contains("(6 - 7 + 2·0)/1 + 1 = 0")
    }
  }

  @Test func refusesBadNumbersAndFlatInput() {
    let image = Shape(height: 8, width: 8, channels: 1)
    #expect {
      _ = try Conv2D(filters: 0, kernel: 3).outputShape(for: image)
    } throws: { error in
      "\(error)" == "conv 0 3: the number of filters must be at least 1, not 0; try 32"
    }
    for layer in [
      Conv2D(filters: 2, kernel: 0), Conv2D(filters: 2, kernel: 3, stride: 0),
      Conv2D(filters: 2, kernel: 3, dilation: 0),
      Conv2D(filters: 2, kernel: 3, padding: .explicit(-1)),
    ] {
      #expect(throws: ShapeError.self) { _ = try layer.outputShape(for: image) }
    }
    #expect(throws: ShapeError.needsImageInput(layer: "conv 8 3", input: .flat(10))) {
      _ = try Conv2D(filters: 8, kernel: 3).outputShape(for: .flat(10))
    }
    var random = SeededRandom(seed: 1)
    #expect(throws: ShapeError.self) {
      try Conv2D(filters: 8, kernel: 9).build(input: image, random: &random)
    }
  }

  @Test func buildIsDeterministicAndUsesTheInitializerLimit() throws {
    let input = Shape(height: 8, width: 8, channels: 4)
    func weights(_ initializer: Initializer) throws -> [Float] {
      let layer = Conv2D(filters: 6, kernel: 3, initializer: initializer)
      var random = SeededRandom(seed: 42)
      try layer.build(input: input, random: &random)
      #expect(layer.parameters[1].value.allSatisfy { $0 == 0 })
      return layer.parameters[0].value
    }
    #expect(try weights(.glorot) == weights(.glorot))
    // Glorot: ±√(6/(fanIn + fanOut)), fanIn = 4·9, fanOut = 6·9.
    let limit = Float((6.0 / Double(36 + 54)).squareRoot())
    let glorot = try weights(.glorot)
    #expect(glorot.allSatisfy { abs($0) <= limit })
    #expect(glorot.map(abs).max() ?? 0 > limit * 0.9)
    #expect(try weights(.he).map(abs).max() ?? 0 > limit * 1.2)  // √(6/36) ≈ 0.41 > 0.26
  }
}
