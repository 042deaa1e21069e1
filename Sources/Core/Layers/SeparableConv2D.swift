/// Depthwise-separable 2-D convolution as Keras' `SeparableConv2D`: a depthwise `k x k` step
/// (one kernel per input channel, no bias) then a `1x1` pointwise conv with bias and the
/// optional fused activation.
///
///     z[n, c] = depthwise_k,s(x[n, c])                          (Hout x Wout per channel)
///     y[n, f] = act(b[f] + Σ(c) p[f, c] · z[n, c])
///     out = ⌊(in + pad_before + pad_after − k)/s⌋ + 1   (padding as ``Conv2D``)
///
/// Parameters: `k·k·Cin + Cin·F + F` ("depthwise.weight" `[Cin, 1, k, k]`, "pointwise.weight"
/// `[F, Cin, 1, 1]`, "pointwise.bias" `[F]`). MACs per image: `k²·Cin·Hout·Wout +
/// Cin·F·Hout·Wout` (MobileNet's `D_K²·M·D_F² + M·N·D_F²`).
public final class SeparableConv2D: Layer, KernelInitialized {
  public let filters: Int
  public let kernel: Int
  public let stride: Int
  public let padding: Padding
  public let activation: Activation?
  public let initializer: Initializer

  private let depthwise: DepthwiseConv2D
  private let pointwise: Conv2D

  public init(
    filters: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid,
    activation: Activation? = nil, initializer: Initializer = .glorot
  ) {
    self.filters = filters
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.activation = activation
    self.initializer = initializer
    depthwise = DepthwiseConv2D(
      kernel: kernel, multiplier: 1, stride: stride, padding: padding, activation: nil,
      initializer: initializer, useBias: false, parameterPrefix: "depthwise.")
    pointwise = Conv2D(
      filters: filters, kernel: 1, stride: 1, padding: .valid, dilation: 1, useBias: true,
      activation: activation, initializer: initializer, parameterPrefix: "pointwise.")
  }

  public var spec: LayerSpec {
    .separableConv(
      filters: filters, kernel: kernel, stride: stride, padding: padding, activation: activation,
      initializer: initializer)
  }

  // MARK: - Shapes and counts

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    let name = spec.description
    if filters < 1 {
      throw .invalidArgument(
        layer: name, problem: "the number of filters must be at least 1, not \(filters)",
        hint: "try 32")
    }
    let g = try depthwise.geometry(for: input, layer: name)
    return Shape(height: g.outputHeight, width: g.outputWidth, channels: filters)
  }

  /// `k·k·Cin + Cin·F + F`.
  public func parameterCount(for input: Shape) -> Int {
    kernel * kernel * input.channels + input.channels * filters + filters
  }

  /// `k²·Cin·Hout·Wout + Cin·F·Hout·Wout`.
  public func macs(for input: Shape) -> Int {
    guard let out = try? outputShape(for: input) else { return 0 }
    let positions = out.height * out.width
    return kernel * kernel * input.channels * positions + input.channels * filters * positions
  }

  /// The depthwise kernel's (Keras' `k·k·Cin` and `k·k`), then the pointwise kernel's
  /// (`fanIn = Cin`, `fanOut = F`): the pointwise step sees the depthwise step's Cin channels.
  public func kernelFans(for input: Shape) -> [KernelFans] {
    depthwise.kernelFans(for: input) + pointwise.kernelFans(for: input)
  }

  /// Depthwise kernel, then pointwise kernel, drawn in that order with ``kernelFans(for:)``;
  /// zero bias.
  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    _ = try outputShape(for: input)
    try depthwise.build(input: input, random: &random)
    try pointwise.build(input: try depthwise.outputShape(for: input), random: &random)
  }

  public var parameters: [Parameter] { depthwise.parameters + pointwise.parameters }

  // MARK: - Passes

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    pointwise.forward(depthwise.forward(input, context: context), context: context)
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    let middle = pointwise.backward(
      outputGradient, context: context, throughActivation: throughActivation)
    return depthwise.backward(middle, context: context, throughActivation: true)
  }
}

extension SeparableConv2D {
  /// The depthwise step's `k` window moved by `s` (the 1x1 pointwise step adds nothing).
  public var window: SpatialWindow { .sliding(kernel: kernel, stride: stride, padding: padding) }

  /// The depthwise step's `depthwise.weight` `[Cin, 1, k, k]` (the pointwise step is 1x1).
  public var drawnKernel: DrawnKernel? {
    DrawnKernel(parameter: "depthwise.weight", outputsFirst: true)
  }

  /// `k·k·C + C·N + N` parameters, `k·k·C·H'·W' + C·N·H'·W'` MACs.
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    let (k, c, n) = (kernel, input.channels, filters)
    let positions = output.isFlat ? 1 : output.height * output.width
    let area = "\(output.height)·\(output.width)"
    let parameters = k * k * c + c * n + n
    let macs = k * k * c * positions + c * n * positions
    return LayerArithmetic(
      parameters: parameters,
      parametersLine: "params: \(k)·\(k)·\(c) + \(c)·\(n) + \(n) = \(grouped(parameters))",
      macs: macs,
      macsLine: "MACs: \(k)·\(k)·\(c)·\(area) + \(c)·\(n)·\(area) = \(grouped(macs))")
  }

  public var isRandomWhenTraining: Bool { false }
}
