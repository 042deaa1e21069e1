/// An activation as a row of its own: `relu`, `leaky_relu [A]`, `tanh`, `lecun_tanh`, `sigmoid`,
/// `softmax`.
///
/// The output has the input's shape; the formulas and derivatives are in ``Activation``
/// (softmax runs over the channels at each position, so on a flat vector it is the usual
/// softmax over all features). No parameters, no MACs.
///
/// With `throughActivation` false, `backward` passes the gradient on unchanged: the fused
/// softmax + cross-entropy hands it the gradient with respect to the logits.
public final class ActivationLayer: WeightlessLayer {
  public let activation: Activation
  private var outputs = Tensor(batch: 0, shape: .flat(1))

  public init(_ activation: Activation) {
    self.activation = activation
  }

  public var spec: LayerSpec { .activation(activation) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    try Self.validate(activation, layer: spec.description)
    return input
  }

  /// Refuses activation settings that cannot work: a leaky_relu slope outside `[0, 1)`.
  /// Layers with a fused activation call this from their `outputShape(for:)` too.
  public static func validate(_ activation: Activation, layer: String) throws(ShapeError) {
    if case .leakyRelu(let alpha) = activation, !(alpha >= 0 && alpha < 1) {
      throw .invalidArgument(
        layer: layer, problem: "leaky_relu slope \(formatNumber(alpha)) is outside [0, 1)",
        hint: "use a small slope such as 0.1 or 0.3")
    }
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    var output = input
    output.storage.withUnsafeMutableBufferPointer { y in
      activation.apply(y, shape: input.shape, batch: input.batch)
    }
    outputs = context.keepsForBackward ? output : Tensor(batch: 0, shape: .flat(1))
    return output
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard throughActivation else { return outputGradient }
    var g = outputGradient
    outputs.storage.withUnsafeBufferPointer { y in
      g.storage.withUnsafeMutableBufferPointer { gp in
        activation.backward(outputs: y, gradients: gp, shape: outputs.shape, batch: g.batch)
      }
    }
    return g
  }
}

extension ActivationLayer {
  public var window: SpatialWindow { .pointwise }
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic { .none }
  public var isRandomWhenTraining: Bool { false }
}
