/// Global average pooling (`gap`), as Keras' `GlobalAveragePooling2D`: one mean per channel.
///
///     out[n, c] = (Σ_y Σ_x in[n, c, y, x]) / (H·W)
///
/// Shapes: `[N, C, H, W] → [N, C]` (`HxWxC → C`, a flat vector ready for `dense`).
/// No parameters, 0 MACs (sums only). Receptive field: the whole input, a window of
/// `max(H, W)` (`size + (max(H, W) − 1)·jump`).
public final class GlobalAvgPool2D: WeightlessLayer {
  private var lastInputShape: Shape?
  private var lastBatch = 0

  public init() {}

  public var spec: LayerSpec { .globalAvgPool }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard !input.isFlat else { throw .needsImageInput(layer: spec.description, input: input) }
    return .flat(input.channels)
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let plane = input.shape.height * input.shape.width
    lastInputShape = input.shape
    lastBatch = input.batch
    return context.planewise(
      input.storage, into: .flat(input.shape.channels), batch: input.batch, planeSize: plane
    ) { src, dst, planes in
      for p in planes {
        var sum: Float = 0
        for i in (p * plane)..<((p + 1) * plane) { sum += src[i] }
        dst[p] = sum / Float(plane)
      }
    }
  }

  /// `dIn[n, c, y, x] = dOut[n, c] / (H·W)`.
  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let inShape = lastInputShape else { preconditionFailure("gap: backward before forward") }
    let plane = inShape.height * inShape.width
    precondition(outputGradient.count == lastBatch * inShape.channels, "gap: gradient shape")
    return context.planewise(
      outputGradient.storage, into: inShape, batch: lastBatch, planeSize: plane
    ) { dOut, dIn, planes in
      for p in planes {
        (dIn + p * plane).update(repeating: dOut[p] / Float(plane), count: plane)
      }
    }
  }
}

extension GlobalAvgPool2D {
  /// The whole map: a window of `max(H, W)`.
  public var window: SpatialWindow { .wholeMap }

  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    LayerArithmetic(outputSizeLine: "output size: one mean per channel, \(input) -> \(output)")
  }

  public var isRandomWhenTraining: Bool { false }
}
