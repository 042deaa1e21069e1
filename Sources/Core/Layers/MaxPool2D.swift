// STUB: replaced by the real implementation (issue #2). Shape inference not done yet.
/// `.maxPool(kernel: kernel, stride: stride, padding: padding)` — not implemented yet.
public final class MaxPool2D: Layer {
  public let kernel: Int
  public let stride: Int
  public let padding: Int

  public init(kernel: Int, stride: Int, padding: Int = 0) {
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
  }

  public var spec: LayerSpec { .maxPool(kernel: kernel, stride: stride, padding: padding) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    throw .invalidArgument(layer: spec.description, problem: "not implemented yet", hint: "use another layer")
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor { input }

  public func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor {
    outputGradient
  }
}
