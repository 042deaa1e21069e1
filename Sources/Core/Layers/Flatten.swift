/// Turns each image into a vector: `flatten` (`HxWxC` → `N = H·W·C`).
///
/// The values are not moved: a sample's NCHW storage is read as one vector, so the order is
/// channel, then row, then column (CHW), as PyTorch's `flatten` of an NCHW tensor. Keras
/// flattens NHWC (row, column, channel), so a dense layer's weights imported from Keras need
/// their input axis permuted. An input that is already flat passes through unchanged (Keras
/// allows this too). No parameters, no MACs.
public final class Flatten: WeightlessLayer {
  private var inputShape: Shape = .flat(1)

  public init() {}

  public var spec: LayerSpec { .flatten }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape { .flat(input.count) }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    inputShape = input.shape
    return input.reshaped(to: .flat(input.shape.count))
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    outputGradient.reshaped(to: inputShape)
  }
}

extension Flatten {
  /// Reshaping moves no values: the field is kept as it is.
  public var window: SpatialWindow { .pointwise }

  /// `H·W·C` values in one vector.
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    LayerArithmetic(
      outputSizeLine:
        "output size: \(input.height)·\(input.width)·\(input.channels) = \(output.count)")
  }

  public var isRandomWhenTraining: Bool { false }
}
