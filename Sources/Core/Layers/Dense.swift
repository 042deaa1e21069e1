// STUB: replaced by the real implementation (issue #2). Shape inference not done yet.
/// `.dense(units: units, activation: activation)` — not implemented yet.
public final class Dense: Layer {
  public let units: Int
  public let activation: Activation?
  public let initializer: Initializer

  public init(units: Int, activation: Activation? = nil, initializer: Initializer = .glorot) {
    self.units = units
    self.activation = activation
    self.initializer = initializer
  }

  public var spec: LayerSpec { .dense(units: units, activation: activation) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    throw .invalidArgument(layer: spec.description, problem: "not implemented yet", hint: "use another layer")
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor { input }

  public func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor {
    outputGradient
  }
}
