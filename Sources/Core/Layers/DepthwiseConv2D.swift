// STUB: replaced by the real implementation (issue #2). Shape inference not done yet.
/// `.depthwiseConv(kernel: kernel, multiplier: multiplier, stride: stride, padding: padding, activation: activation)` — not implemented yet.
public final class DepthwiseConv2D: Layer {
  public let kernel: Int
  public let multiplier: Int
  public let stride: Int
  public let padding: Padding
  public let activation: Activation?
  public let initializer: Initializer

  public init(kernel: Int, multiplier: Int = 1, stride: Int = 1, padding: Padding = .valid, activation: Activation? = nil, initializer: Initializer = .glorot) {
    self.kernel = kernel
    self.multiplier = multiplier
    self.stride = stride
    self.padding = padding
    self.activation = activation
    self.initializer = initializer
  }

  public var spec: LayerSpec { .depthwiseConv(kernel: kernel, multiplier: multiplier, stride: stride, padding: padding, activation: activation) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    throw .invalidArgument(layer: spec.description, problem: "not implemented yet", hint: "use another layer")
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor { input }

  public func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor {
    outputGradient
  }
}
