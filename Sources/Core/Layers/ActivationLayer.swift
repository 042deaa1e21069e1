// STUB: replaced by the real implementation (issue #2). Shape inference not done yet.
/// `.activation(activation)` — not implemented yet.
public final class ActivationLayer: Layer {
  public let activation: Activation

  public init(_ activation: Activation) {
    self.activation = activation
  }

  public var spec: LayerSpec { .activation(activation) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    throw .invalidArgument(layer: spec.description, problem: "not implemented yet", hint: "use another layer")
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor { input }

  public func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor {
    outputGradient
  }
}
