import Core
import Testing

/// Kernel fans and limits against Keras' `compute_fans` on each layer's Keras kernel shape
/// (`receptive field · shape[-2]`, `receptive field · shape[-1]`), and `init=` carried from a
/// command's spec to the weights it draws.
@Suite struct InitializerTests {
  /// (spec, input, Keras fans per kernel): conv kernel `(k, k, Cin, F)`, depthwise
  /// `(k, k, Cin, M)`, sepconv's depthwise `(k, k, Cin, 1)` then pointwise `(1, 1, Cin, F)`,
  /// Conv2DTranspose `(k, k, F, Cin)`, dense `(in, units)`.
  static let cases: [(LayerSpec, Shape, [KernelFans])] = [
    (
      .conv(filters: 32, kernel: 3), Shape(height: 28, width: 28, channels: 1),
      [KernelFans(parameter: "weight", fanIn: 9, fanOut: 288)]
    ),
    (
      .conv(filters: 64, kernel: 3, stride: 2, padding: .same, dilation: 1),
      Shape(height: 13, width: 13, channels: 32),
      [KernelFans(parameter: "weight", fanIn: 288, fanOut: 576)]
    ),
    (
      .depthwiseConv(kernel: 3, multiplier: 2), Shape(height: 8, width: 8, channels: 3),
      [KernelFans(parameter: "weight", fanIn: 27, fanOut: 18)]
    ),
    (
      .separableConv(filters: 64, kernel: 3), Shape(height: 13, width: 13, channels: 32),
      [
        KernelFans(parameter: "depthwise.weight", fanIn: 288, fanOut: 9),
        KernelFans(parameter: "pointwise.weight", fanIn: 32, fanOut: 64),
      ]
    ),
    (
      .transposedConv(filters: 16, kernel: 2, stride: 2), Shape(height: 7, width: 7, channels: 8),
      [KernelFans(parameter: "weight", fanIn: 64, fanOut: 32)]
    ),
    (.dense(units: 10), .flat(1152), [KernelFans(parameter: "weight", fanIn: 1152, fanOut: 10)]),
  ]

  @Test func fansAreKerasFans() throws {
    for (spec, input, fans) in Self.cases {
      let layer = try #require(spec.makeLayer() as? any KernelInitialized)
      #expect(layer.kernelFans(for: input) == fans, "\(spec)")
    }
  }

  /// Each kernel's largest |w| lies in (0.9·a, a] for its own limit `a`: too large a limit
  /// (PyTorch's depthwise fans, or Glorot when He was asked) or too small fails.
  @Test(arguments: Initializer.allCases)
  func builtKernelsFillTheirLimit(initializer: Initializer) throws {
    for (spec, input, fans) in Self.cases {
      let withInit = Self.spec(spec, initializer: initializer)
      #expect(withInit.initializer == initializer)
      let layer = withInit.makeLayer()
      var random = SeededRandom(seed: 11)
      try layer.build(input: input, random: &random)
      for kernel in fans {
        let weights = try #require(layer.parameters.first { $0.name == kernel.parameter })
        let a = initializer.limit(fanIn: kernel.fanIn, fanOut: kernel.fanOut)
        let largest = weights.value.map(abs).max() ?? 0
        #expect(largest <= a && largest > 0.9 * a, "\(withInit) \(kernel.parameter): \(largest) vs \(a)")
      }
      for bias in layer.parameters where bias.name.hasSuffix("bias") {
        #expect(bias.value.allSatisfy { $0 == 0 })
      }
    }
  }

  /// `init=` is written only when it is not Glorot, before the activation, and survives the
  /// trip spec → layer → spec.
  @Test func specsCarryTheInitializer() {
    let he = LayerSpec.conv(filters: 8, kernel: 3, activation: .relu, initializer: .he)
    #expect(he.description == "conv 8 3 init=he relu")
    #expect(LayerSpec.conv(filters: 8, kernel: 3, activation: .relu).description == "conv 8 3 relu")
    #expect(
      LayerSpec.dense(units: 10, activation: .softmax, initializer: .lecun).description
        == "dense 10 init=lecun softmax")
    for (spec, _, _) in Self.cases {
      for initializer in Initializer.allCases {
        let withInit = Self.spec(spec, initializer: initializer)
        #expect(withInit.makeLayer().spec == withInit)
        #expect(withInit.description.contains("init=") == (initializer != .glorot))
      }
    }
    #expect(LayerSpec.maxPool(kernel: 2).initializer == nil)
  }

  @Test func formulasShowTheirNumbers() {
    #expect(Initializer.glorot.formula(fanIn: 9, fanOut: 288) == "√(6/(fanIn+fanOut)) = √(6/(9+288)) = 0.142")
    #expect(Initializer.he.formula(fanIn: 9, fanOut: 288) == "√(6/fanIn) = √(6/9) = 0.816")
    #expect(Initializer.lecun.formula(fanIn: 1152, fanOut: 10) == "√(3/fanIn) = √(3/1152) = 0.051")
  }

  static func spec(_ spec: LayerSpec, initializer: Initializer) -> LayerSpec {
    switch spec {
    case let .conv(f, k, s, p, d, b, a, _):
      .conv(filters: f, kernel: k, stride: s, padding: p, dilation: d, bias: b, activation: a, initializer: initializer)
    case let .depthwiseConv(k, m, s, p, a, _):
      .depthwiseConv(kernel: k, multiplier: m, stride: s, padding: p, activation: a, initializer: initializer)
    case let .separableConv(f, k, s, p, a, _):
      .separableConv(filters: f, kernel: k, stride: s, padding: p, activation: a, initializer: initializer)
    case let .transposedConv(f, k, s, p, a, _):
      .transposedConv(filters: f, kernel: k, stride: s, padding: p, activation: a, initializer: initializer)
    case let .dense(u, b, a, _):
      .dense(units: u, bias: b, activation: a, initializer: initializer)
    default:
      spec
    }
  }
}
