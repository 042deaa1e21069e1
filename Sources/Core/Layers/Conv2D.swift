// STUB: replaced by the real implementation (issue #2). Shape inference not done yet.
/// `.conv(filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation, bias: useBias, activation: activation)` — not implemented yet.
public final class Conv2D: Layer {
  public let filters: Int
  public let kernel: Int
  public let stride: Int
  public let padding: Padding
  public let dilation: Int
  public let useBias: Bool
  public let activation: Activation?
  public let initializer: Initializer

  public init(filters: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1, useBias: Bool = true, activation: Activation? = nil, initializer: Initializer = .glorot) {
    self.filters = filters
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    self.useBias = useBias
    self.activation = activation
    self.initializer = initializer
  }

  public var spec: LayerSpec { .conv(filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation, bias: useBias, activation: activation) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    throw .invalidArgument(layer: spec.description, problem: "not implemented yet", hint: "use another layer")
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor { input }

  public func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor {
    outputGradient
  }
}
