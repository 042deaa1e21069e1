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
public final class AvgPool2D: WindowedPooling {
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

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let window = poolingWindow(on: input.shape)
    let outShape = Shape(
      height: window.outHeight, width: window.outWidth, channels: input.shape.channels)
    lastInputShape = input.shape
    lastBatch = input.batch
    return context.planewise(
      input.storage, into: outShape, batch: input.batch, planeSize: window.inPlane
    ) { src, dst, planes in
      window.averageForward(input: src, output: dst, planes: planes)
    }
  }

  /// `dIn[cell] += dOut / K²` for every real cell of each window.
  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let inShape = lastInputShape else {
      preconditionFailure("avgpool: backward before forward")
    }
    let window = poolingWindow(on: inShape)
    precondition(
      outputGradient.count == lastBatch * inShape.channels * window.outPlane,
      "avgpool: gradient shape")
    return context.planewise(
      outputGradient.storage, into: inShape, batch: lastBatch, planeSize: window.inPlane
    ) { dOut, dIn, planes in
      window.averageBackward(outputGradient: dOut, inputGradient: dIn, planes: planes)
    }
  }
}
