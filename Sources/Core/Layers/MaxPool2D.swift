/// Max pooling (`maxpool K [stride=S] [pad=P]`), as PyTorch's `MaxPool2d(K, S, P)`.
///
/// Each output is the largest input in its `K×K` window; padded cells are −∞ (never chosen):
///
///     out = ⌊(in + 2P − K)/S⌋ + 1      per axis, with P ≤ K/2
///
/// Shapes: `[N, C, H, W] → [N, C, out_h, out_w]` (`HxWxC → out_h x out_w x C` in the summary).
/// No parameters, 0 MACs (comparisons only). Receptive field: a `K` window moved by `S`.
///
/// The layer keeps, for its last forward batch, where each maximum came from (`argmax`, a flat
/// index `y·W + x` into the input plane, NCHW order of the outputs): backward routes each
/// gradient there, and a later `maxunpool` puts values back there.
public final class MaxPool2D: WindowedPooling {
  public let kernel: Int
  public let stride: Int
  public let padding: Int

  /// For the last forward batch, the input-plane index of every output's maximum
  /// (`batch · C · out_h · out_w` entries, NCHW order).
  public private(set) var argmax: [Int32] = []
  /// The per-sample input shape of the last forward batch (the shape `argmax` indexes into).
  public private(set) var lastInputShape: Shape?
  /// The batch size of the last forward pass.
  public private(set) var lastBatch = 0

  public init(kernel: Int, stride: Int, padding: Int = 0) {
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
  }

  public var spec: LayerSpec { .maxPool(kernel: kernel, stride: stride, padding: padding) }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let window = poolingWindow(on: input.shape)
    let channels = input.shape.channels
    let outShape = Shape(height: window.outHeight, width: window.outWidth, channels: channels)
    return recording(inputShape: input.shape, batch: input.batch, window: window) { arg in
      context.planewise(
        input.storage, into: outShape, batch: input.batch, planeSize: window.inPlane
      ) { src, dst, planes in
        window.maxForward(input: src, output: dst, argmax: arg, planes: planes)
      }
    }
  }

  /// For a layer that computes this pool inside its own pass (``Conv2D``'s fused training
  /// forward): sizes ``argmax`` for `batch` inputs of `inputShape` (reusing the array), lets
  /// `fill` write it (NCHW, as ``forward(_:context:)`` writes it) and records the batch, so
  /// a `maxunpool` afterwards finds the indices as if this layer had run.
  func recordForward<T>(
    inputShape: Shape, batch: Int, _ fill: (UnsafeMutablePointer<Int32>) -> T
  ) -> T {
    let window = poolingWindow(on: inputShape)
    precondition(
      batch * inputShape.channels * window.outPlane > 0, "maxpool: an empty batch records nothing")
    return recording(inputShape: inputShape, batch: batch, window: window) { buffer in
      guard let start = buffer.baseAddress else { preconditionFailure("maxpool: no indices") }
      return fill(start)
    }
  }

  /// Runs `fill` on ``argmax`` sized for `batch` inputs of `inputShape` (`batch · C · out_h ·
  /// out_w` indices of `window`; the last batch's array is reused when it has that size, so no
  /// allocation), then records the batch.
  private func recording<T>(
    inputShape: Shape, batch: Int, window: Pooling,
    _ fill: (UnsafeMutableBufferPointer<Int32>) -> T
  ) -> T {
    let count = batch * inputShape.channels * window.outPlane
    var indices = argmax
    argmax = []
    if indices.count != count {
      indices = []
      indices = [Int32](repeating: 0, count: count)
    }
    let result = indices.withUnsafeMutableBufferPointer { fill($0) }
    argmax = indices
    lastInputShape = inputShape
    lastBatch = batch
    return result
  }

  /// `dIn[argmax] += dOut`: each output's gradient goes to the input cell that was its maximum.
  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let inShape = lastInputShape else {
      preconditionFailure("maxpool: backward before forward")
    }
    let window = poolingWindow(on: inShape)
    precondition(argmax.count == outputGradient.count, "maxpool: gradient shape")
    return argmax.withUnsafeBufferPointer { arg in
      context.planewise(
        outputGradient.storage, into: inShape, batch: lastBatch, planeSize: window.inPlane
      ) { dOut, dIn, planes in
        window.maxBackward(outputGradient: dOut, argmax: arg, inputGradient: dIn, planes: planes)
      }
    }
  }
}
