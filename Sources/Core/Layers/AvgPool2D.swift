/// Average pooling (`avgpool K [stride=S] [pad=P]`), as PyTorch's `AvgPool2d(K, S, P)` with
/// `count_include_pad=True`.
///
/// Each output is the mean of its `K×K` window, padded cells counting as zeros:
///
///     out_size = ⌊(in + 2P − K)/S⌋ + 1      per axis, with P ≤ K/2
///     out      = (Σ real cells of the window) / K²
///
/// Shapes: `[N, C, H, W] → [N, C, out_h, out_w]` (`HxWxC → out_h x out_w x C`).
/// No parameters, 0 MACs (sums only). Receptive field: a `K` window moved by `S`.
public final class AvgPool2D: Layer {
  public let kernel: Int
  public let stride: Int
  public let padding: Int

  private var lastInputShape: Shape?
  private var lastBatch = 0

  public init(kernel: Int, stride: Int, padding: Int = 0) {
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
  }

  public var spec: LayerSpec { .avgPool(kernel: kernel, stride: stride, padding: padding) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    try Pooling.outputShape(
      layer: spec.description, input: input, kernel: kernel, stride: stride, padding: padding)
  }

  public func receptiveField(after previous: ReceptiveField) -> ReceptiveField {
    previous.through(kernel: kernel, stride: stride)
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let window = Pooling(input: input.shape, kernel: kernel, stride: stride, padding: padding)
    let planes = input.batch * input.shape.channels
    let outShape = Shape(height: window.outHeight, width: window.outWidth, channels: input.shape.channels)
    lastInputShape = input.shape
    lastBatch = input.batch
    return Tensor(batch: input.batch, shape: outShape) { out in
      input.storage.withUnsafeBufferPointer { src in
        guard let src = src.baseAddress, let dst = out.baseAddress else { return }
        context.forEachChunk(of: planes, minimumChunk: 4096 / max(1, window.inPlane)) { range in
          window.averageForward(input: src, output: dst, planes: range)
        }
      }
    }
  }

  /// `dIn[cell] += dOut / K²` for every real cell of each window.
  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let inShape = lastInputShape else {
      preconditionFailure("avgpool: backward before forward")
    }
    let window = Pooling(input: inShape, kernel: kernel, stride: stride, padding: padding)
    let planes = lastBatch * inShape.channels
    precondition(outputGradient.count == planes * window.outPlane, "avgpool: gradient shape")
    return Tensor(batch: lastBatch, shape: inShape) { dIn in
      outputGradient.storage.withUnsafeBufferPointer { dOut in
        guard let dOut = dOut.baseAddress, let dst = dIn.baseAddress else { return }
        context.forEachChunk(of: planes, minimumChunk: 4096 / max(1, window.inPlane)) { range in
          window.averageBackward(outputGradient: dOut, inputGradient: dst, planes: range)
        }
      }
    }
  }
}
