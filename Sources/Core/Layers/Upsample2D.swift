/// Nearest-neighbour upsampling (`upsample K`), as Keras' `UpSampling2D(K)` and PyTorch's
/// `Upsample(scale_factor=K, mode="nearest")`: every pixel becomes a `K×K` block.
///
///     out[n, c, y, x] = in[n, c, ⌊y/K⌋, ⌊x/K⌋]
///     dIn[n, c, y, x] = Σ of dOut over the K×K block at (K·y, K·x)
///
/// Shapes: `[N, C, H, W] → [N, C, H·K, W·K]` (`HxWxC → (H·K)x(W·K)xC`).
/// No parameters, 0 MACs. Receptive field: size unchanged, `jump / K` (units come closer).
public final class Upsample2D: WeightlessLayer {
  public let factor: Int

  private var lastInputShape: Shape?
  private var lastBatch = 0

  public init(factor: Int) {
    self.factor = factor
  }

  public var spec: LayerSpec { .upsample(factor: factor) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard !input.isFlat else { throw .needsImageInput(layer: spec.description, input: input) }
    guard factor >= 1 else {
      throw .invalidArgument(
        layer: spec.description, problem: "the factor must be at least 1, not \(factor)",
        hint: "use upsample 2 to double height and width")
    }
    return Shape(
      height: input.height * factor, width: input.width * factor, channels: input.channels)
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let (h, w, k) = (input.shape.height, input.shape.width, factor)
    lastInputShape = input.shape
    lastBatch = input.batch
    let outShape = Shape(height: h * k, width: w * k, channels: input.shape.channels)
    return context.planewise(
      input.storage, into: outShape, batch: input.batch, planeSize: h * w
    ) { src, dst, planes in
      for p in planes {
        let plane = src + p * h * w
        var row = dst + p * h * w * k * k
        for y in 0..<h {
          // Write one output row, then repeat it K − 1 times below.
          for x in 0..<w { (row + x * k).update(repeating: plane[y * w + x], count: k) }
          for r in 1..<k { (row + r * w * k).update(from: row, count: w * k) }
          row += w * k * k
        }
      }
    }
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let inShape = lastInputShape else {
      preconditionFailure("upsample: backward before forward")
    }
    let (h, w, k) = (inShape.height, inShape.width, factor)
    precondition(
      outputGradient.count == lastBatch * inShape.count * k * k, "upsample: gradient shape")
    return context.planewise(
      outputGradient.storage, into: inShape, batch: lastBatch, planeSize: h * w
    ) { dOut, dIn, planes in
      // Walk dOut row by row (sequential reads); each input row gathers its K output rows.
      for p in planes {
        var row = dOut + p * h * w * k * k
        for y in 0..<h {
          let dst = dIn + (p * h + y) * w
          dst.update(repeating: 0, count: w)
          for _ in 0..<k {
            for x in 0..<w {
              var sum: Float = 0
              for dx in 0..<k { sum += row[x * k + dx] }
              dst[x] += sum
            }
            row += w * k
          }
        }
      }
    }
  }
}

extension Upsample2D {
  /// Each cell repeated `factor x factor` times.
  public var window: SpatialWindow { .repeating(factor: factor) }

  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic { .none }

  public var isRandomWhenTraining: Bool { false }
}
