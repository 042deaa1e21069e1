/// Global max pooling (`gmp`), as Keras' `GlobalMaxPooling2D`: each channel's largest value,
/// "is this feature present anywhere in the image?".
///
///     out[n, c] = max_y max_x in[n, c, y, x]
///     dIn[n, c, y, x] = dOut[n, c] at the cell that held the maximum, 0 elsewhere
///
/// Ties keep the first cell in row-major order; a NaN wins and propagates (PyTorch's rule, as
/// ``MaxPool2D``). Shapes: `[N, C, H, W] → [N, C]` (`HxWxC → C`, a flat vector ready for
/// `dense`). No parameters, 0 MACs (comparisons only). Receptive field: the whole input, a
/// window of `max(H, W)`.
public final class GlobalMaxPool2D: WeightlessLayer {
  private var lastInputShape: Shape?
  private var lastBatch = 0
  /// Per (image, channel) plane of the last forward batch, the index in the plane of its maximum.
  private var argmax: [Int32] = []

  public init() {}

  public var spec: LayerSpec { .globalMaxPool }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard !input.isFlat else { throw .needsImageInput(layer: spec.description, input: input) }
    return .flat(input.channels)
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let plane = input.shape.height * input.shape.width
    lastInputShape = input.shape
    lastBatch = input.batch
    var indices = [Int32](repeating: 0, count: input.batch * input.shape.channels)
    let output = indices.withUnsafeMutableBufferPointer { found in
      let found = found.baseAddress
      return context.planewise(
        input.storage, into: .flat(input.shape.channels), batch: input.batch, planeSize: plane
      ) { src, dst, planes in
        for p in planes {
          let start = src + p * plane
          var best = start[0]
          var at = 0
          for i in 1..<max(plane, 1) where start[i] > best || start[i].isNaN {
            best = start[i]
            at = i
          }
          dst[p] = best
          found?[p] = Int32(at)
        }
      }
    }
    argmax = indices
    return output
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let inShape = lastInputShape else { preconditionFailure("gmp: backward before forward") }
    let plane = inShape.height * inShape.width
    precondition(outputGradient.count == lastBatch * inShape.channels, "gmp: gradient shape")
    return argmax.withUnsafeBufferPointer { found in
      context.planewise(
        outputGradient.storage, into: inShape, batch: lastBatch, planeSize: plane
      ) { dOut, dIn, planes in
        for p in planes {
          (dIn + p * plane).update(repeating: 0, count: plane)
          dIn[p * plane + Int(found[p])] = dOut[p]
        }
      }
    }
  }
}

extension GlobalMaxPool2D {
  /// The whole map: a window of `max(H, W)`.
  public var window: SpatialWindow { .wholeMap }

  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    LayerArithmetic(outputSizeLine: "output size: one maximum per channel, \(input) -> \(output)")
  }

  public var isRandomWhenTraining: Bool { false }
}
