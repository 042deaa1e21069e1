import Core
import Testing
import TestSupport

@Suite struct DenseTests {
  /// Inputs kept away from relu's kink so finite differences do not straddle it.
  private func builtDense(_ units: Int, _ activation: Activation?, inputs: Int) throws -> Dense {
    let layer = Dense(units: units, activation: activation)
    var random = SeededRandom(seed: 3)
    try layer.build(input: .flat(inputs), random: &random)
    return layer
  }

  @Test(arguments: [nil, Activation.relu, .tanh, .sigmoid, .softmax, .lecunTanh])
  func gradientsMatchFiniteDifferences(activation: Activation?) throws {
    let layer = try builtDense(5, activation, inputs: 7)
    let input = GradientCheck.randomInput(batch: 3, shape: .flat(7))
    let report = GradientCheck.check(layer, input: input, step: 1e-3)
    #expect(report.worst < 2e-2, "\(report)")
    #expect(Set(report.worstParameterError.keys) == ["weight", "bias"])
  }

  @Test func forwardIsXWTransposePlusBias() throws {
    let layer = try builtDense(2, nil, inputs: 3)
    layer.parameters[0].value = [1, 2, 3, -1, 0, 1]  // [out=2, in=3]
    layer.parameters[1].value = [0.5, -0.5]
    let x = Tensor(batch: 2, shape: .flat(3), storage: [1, 1, 1, 2, 0, -1])
    let y = layer.forward(x, context: ComputeContext(mode: .inference))
    #expect(y.shape == .flat(2))
    #expect(y.storage == [6.5, -0.5, -0.5, -3.5])
  }

  @Test func countsAndNamesFollowPyTorch() throws {
    let layer = try builtDense(10, .softmax, inputs: 1152)
    #expect(layer.parameterCount(for: .flat(1152)) == 11_530)
    #expect(layer.macs(for: .flat(1152)) == 11_520)
    #expect(layer.parameters.map(\.name) == ["weight", "bias"])
    #expect(layer.parameters.map(\.dimensions) == [[10, 1152], [10]])
    #expect(layer.parameters[1].value.allSatisfy { $0 == 0 })
    let limit = Initializer.glorot.limit(fanIn: 1152, fanOut: 10)
    #expect(layer.parameters[0].value.allSatisfy { abs($0) <= limit })
  }

  /// `dense 2 bias=no`: `y = x · Wᵀ` exactly, `in·N` parameters, one tensor named "weight".
  @Test func withoutBiasForwardIsXWTransposeOnly() throws {
    let layer = Dense(units: 2, useBias: false)
    var random = SeededRandom(seed: 3)
    try layer.build(input: .flat(3), random: &random)
    #expect(layer.parameters.map(\.name) == ["weight"])
    #expect(layer.parameterCount(for: .flat(3)) == 6)
    #expect(layer.parameterCount(for: .flat(1152)) == 1152 * 2)
    #expect(layer.macs(for: .flat(3)) == 6)
    layer.parameters[0].value = [1, 2, 3, -1, 0, 1]  // [out=2, in=3]
    let x = Tensor(batch: 2, shape: .flat(3), storage: [1, 1, 1, 2, 0, -1])
    let y = layer.forward(x, context: ComputeContext(mode: .inference))
    #expect(y.storage == [6, 0, -1, -3])
    #expect(layer.spec == .dense(units: 2, bias: false))
    #expect(layer.spec.description == "dense 2 bias=no")
    let arithmetic = layer.arithmetic(input: .flat(3), output: .flat(2))
    #expect(arithmetic.parametersLine == "params: 3 × 2 (no bias) = 6")
  }

  @Test(arguments: [nil, Activation.tanh, .softmax])
  func withoutBiasGradientsMatchFiniteDifferences(activation: Activation?) throws {
    let layer = Dense(units: 5, useBias: false, activation: activation)
    var random = SeededRandom(seed: 3)
    try layer.build(input: .flat(7), random: &random)
    let input = GradientCheck.randomInput(batch: 3, shape: .flat(7))
    let report = GradientCheck.check(layer, input: input, step: 1e-3)
    #expect(report.worst < 2e-2, "\(report)")
    #expect(Set(report.worstParameterError.keys) == ["weight"])
  }

  /// The description round-trips as typed, options in their fixed order.
  @Test func withoutBiasDescriptionsRoundTrip() {
    let specs: [LayerSpec] = [
      .dense(units: 4, bias: false),
      .dense(units: 84, bias: false, activation: .tanh),
      .dense(units: 10, bias: false, activation: .softmax, initializer: .he),
    ]
    #expect(specs.map(\.description) == ["dense 4 bias=no", "dense 84 bias=no tanh",
      "dense 10 bias=no init=he softmax"])
    for spec in specs { #expect(spec.makeLayer().spec == spec) }
  }

  @Test func refusesAnImage() {
    let image = Shape(height: 5, width: 5, channels: 64)
    #expect(throws: ShapeError.needsFlatInput(layer: "dense 10", input: image)) {
      _ = try Dense(units: 10).outputShape(for: image)
    }
    let message = ShapeError.needsFlatInput(layer: "dense 10", input: image).description
    #expect(message.contains("add `flatten` before it"))
  }

  @Test func refusesZeroUnitsAndBadSlopes() {
    #expect(throws: ShapeError.self) { _ = try Dense(units: 0).outputShape(for: .flat(4)) }
    #expect(throws: ShapeError.self) {
      _ = try Dense(units: 3, activation: .leakyRelu(alpha: 1.5)).outputShape(for: .flat(4))
    }
  }

  @Test func skippingTheActivationPassesPreActivationGradients() throws {
    let fused = try builtDense(4, .softmax, inputs: 3)
    let plain = try builtDense(4, nil, inputs: 3)
    let x = GradientCheck.randomInput(batch: 2, shape: .flat(3))
    let context = ComputeContext(mode: .training)
    _ = fused.forward(x, context: context)
    _ = plain.forward(x, context: context)
    let g = GradientCheck.randomInput(batch: 2, shape: .flat(4), seed: 9)
    let a = fused.backward(g, context: context, throughActivation: false)
    let b = plain.backward(g, context: context, throughActivation: true)
    #expect(a.storage == b.storage)
    #expect(fused.parameters[0].gradient == plain.parameters[0].gradient)
  }
}

@Suite struct DenseThreadTests {
  /// A layer big enough to be cut: 2 threads agree with 1 (to rounding) and with themselves.
  @Test func twoThreadsGiveTheSameProducts() throws {
    let layer = Dense(units: 256, activation: .relu)
    var random = SeededRandom(seed: 3)
    try layer.build(input: .flat(128), random: &random)
    let x = GradientCheck.randomInput(batch: 64, shape: .flat(128))
    #expect(64 * 128 * 256 >= Dense.parallelMACs)
    let g = GradientCheck.randomInput(batch: 64, shape: .flat(256), seed: 5)
    func pass(threads: Int) -> (y: [Float], dx: [Float], dw: [Float]) {
      let context = ComputeContext(mode: .training, threads: threads)
      let y = layer.forward(x, context: context)
      let dx = layer.backward(g, context: context)
      return (y.storage, dx.storage, layer.parameters[0].gradient)
    }
    let one = pass(threads: 1)
    let two = pass(threads: 2)
    #expect(pass(threads: 2) == two)
    for (a, b) in [(one.y, two.y), (one.dx, two.dx), (one.dw, two.dw)] {
      #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) })
    }
  }
}
