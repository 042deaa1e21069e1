/// A conv followed by `maxpool 2` as one pass (see ``FusionPlan``): bias, relu and the 2x2
/// maximum run in the GEMM's epilogue, so the unpooled output is never stored. Inference may go
/// through Winograd F(2x2, 3x3) instead of im2col; training records the pool's `argmax` and
/// its backward (``backwardThroughPool(_:context:throughActivation:inputGradient:)``) starts
/// from the pool's gradient. Values equal `pool.forward(conv.forward(x))` (bit for bit on the
/// im2col path, to rounding through Winograd).
extension Conv2D {
  /// What ``run(_:context:pooling:)`` does after the GEMM: nothing, inference's fused
  /// `maxpool 2` (nothing kept), or training's, which records the pool's `argmax`.
  enum FusedPooling {
    case none
    case inference
    case training(MaxPool2D)
  }

  /// Whether `pool` can run inside this layer's pass: `maxpool 2` (K = S = 2, no padding) after
  /// relu or no activation, on an output of at least 2x2.
  func canFuse(_ pool: MaxPool2D) -> Bool {
    pool.kernel == 2 && pool.stride == 2 && pool.padding == 0
      && (activation == nil || activation == .relu)
      && state.outputShape.height >= 2 && state.outputShape.width >= 2
  }

  /// Inference only: this layer's output passed through `pool` in the same pass over the GEMM
  /// product (bias, relu and the 2x2 maximum fused), or nil when `pool` is not
  /// `maxpool 2` (K = S = 2, no padding) or the activation is not relu or none.
  ///
  /// Equals `pool.forward(forward(input))` in value; neither layer keeps anything for a
  /// backward pass (and `pool.argmax` is not updated), so no backward may follow.
  func forwardPooled(_ input: Tensor, by pool: MaxPool2D, context: ComputeContext) -> Tensor? {
    guard canFuse(pool) else { return nil }
    if usesWinograd { return runWinogradPooled(input, context: context) }
    return run(input, context: context, pooling: .inference)
  }

  /// Training: this layer and the `maxpool 2` after it as one pass, or nil when they cannot
  /// fuse (see ``forwardPooled(_:by:context:)``; a 1x1 kernel that multiplies the image directly
  /// does not fuse either).
  ///
  /// Equals `pool.forward(forward(input))` bit for bit, and leaves `pool.argmax` as that would.
  /// The unpooled output is never stored: backward must be
  /// ``backwardThroughPool(_:context:throughActivation:inputGradient:)``, with the pool's
  /// gradient (relu's mask is `pooled > 0`, the value the pool took).
  func forwardPooledForTraining(
    _ input: Tensor, by pool: MaxPool2D, context: ComputeContext
  ) -> Tensor? {
    guard canFuse(pool), !isPointwise else { return nil }
    if usesWinograd { return runWinogradPooled(input, context: context, recording: pool) }
    return run(input, context: context, pooling: .training(pool))
  }

  /// Inference with a 2x2 pool after a 3x3 stride-1 unpadded kernel on at least 16 channels
  /// runs through ``Winograd`` (2.25x fewer multiplications; fewer channels make GEMMs too thin).
  var usesWinograd: Bool {
    let g = state.geometry
    return kernel == 3 && stride == 1 && dilation == 1 && g.padTop == 0 && g.padLeft == 0
      && g.outputHeight == g.height - 2 && g.outputWidth == g.width - 2
      && state.inputShape.channels >= 16
  }

  /// ``forwardPooled(_:by:context:)`` through Winograd F(2x2, 3x3): each pooled pixel is one
  /// output tile, so only the tiles the pool reads are computed (an odd last row or column of
  /// the convolution is never formed). Chunks and groups as in ``ConvPlan``, with tiles for
  /// columns.
  ///
  /// With `pool` (training) the pool's `argmax` is recorded and the im2col plan that backward
  /// uses is kept (backward recomputes the columns); values match the im2col pass to rounding
  /// (see ``Winograd``), so a near-tie in a window may pick the other cell.
  func runWinogradPooled(
    _ input: Tensor, context: ComputeContext, recording pool: MaxPool2D? = nil
  ) -> Tensor {
    let weight = state.weight(forInput: input, layer: "Conv2D")
    let (inputShape, convShape, geometry) = (state.inputShape, state.outputShape, state.geometry)
    let (cin, cout) = (inputShape.channels, filters)
    let outShape = Shape(height: convShape.height / 2, width: convShape.width / 2, channels: cout)
    guard input.batch > 0 else { return Tensor(batch: 0, shape: outShape) }
    forgetLastBatch()
    let perImage = outShape.height * outShape.width
    let (inCount, outCount) = (inputShape.count, outShape.count)
    // 128 tiles per GEMM measured 3% faster than 256 and 5% faster than 512 on keras-mnist's
    // conv 2 (64 x T x 32: the 16 V and M blocks stay in L2).
    let plan = ConvPlan(
      batch: input.batch, context: context, rows: 16 * cin, columns: perImage,
      outputs: 16 * cout, keepColumns: false, targetColumns: 128)
    let backwardPlan = pool.map { _ in
      ConvPlan(
        batch: input.batch, context: context, rows: geometry.rows, columns: geometry.columns,
        outputs: cout, keepColumns: false)
    }
    // Per chunk: V `[16, Cin, tiles]` and M `[16, Cout, tiles]` for a whole group.
    let vBlock = Winograd.blockCount(rows: cin, tileCount: plan.groupSize * perImage)
    let mBlock = Winograd.blockCount(rows: cout, tileCount: plan.groupSize * perImage)
    columns.reserve(
      max(plan.chunks.count * vBlock, backwardPlan?.columnCapacity ?? 0))
    products.reserve(
      max(
        plan.chunks.count * mBlock,
        backwardPlan.map { $0.chunks.count * $0.groupSize * cout * geometry.columns } ?? 0))
    winogradKernels.reserve(Winograd.kernelCount(filters: cout, channels: cin))
    let (vBase, mBase, u) = (columns.base, products.base, winogradKernels.base)
    weight.value.withUnsafeBufferPointer {
      Winograd.transformKernels(
        ScratchBuffer.address($0), filters: cout, channels: cin, into: u)
    }
    let relu = activation == .relu
    let (height, width) = (inputShape.height, inputShape.width)
    /// The pooled output; `argmax` is where a training pool's indices go.
    func compute(argmax: UnsafeMutablePointer<Int32>?) -> Tensor {
      Tensor(batch: input.batch, shape: outShape) { yBuffer in
        let y = ScratchBuffer.address(yBuffer)
        let arrays = [input.storage] + (state.bias.map { [$0.value] } ?? [])
        ScratchBuffer.withAddresses(of: arrays) { p in
          let x = p[0]
          let bias = p.count > 1 ? UnsafeBufferPointer(start: p[1], count: cout) : nil
          plan.forEachChunk { chunk, range in
            let (v, m) = (vBase + chunk * vBlock, mBase + chunk * mBlock)
            for group in plan.groups(of: range) {
              let tiles = group.count * perImage
              Winograd.transformInput(
                x + group.lowerBound * inCount, images: group.count, channels: cin,
                height: height, width: width, tilesHigh: outShape.height,
                tilesWide: outShape.width, tileCount: tiles, into: v)
              Winograd.multiply(u, v, filters: cout, channels: cin, tileCount: tiles, into: m)
              let offset = group.lowerBound * outCount
              if let argmax {
                Winograd.outputPooledRecording(
                  m, images: group.count, filters: cout, tilesWide: outShape.width,
                  perImage: perImage, tileCount: tiles, convWidth: convShape.width,
                  bias: bias, relu: relu, into: y + offset, argmax: argmax + offset)
              } else {
                Winograd.outputPooled(
                  m, images: group.count, filters: cout, perImage: perImage, tileCount: tiles,
                  bias: bias, relu: relu, into: y + offset)
              }
            }
          }
        }
      }
    }
    guard let pool else { return compute(argmax: nil) }
    let output = pool.recordForward(inputShape: convShape, batch: input.batch) {
      compute(argmax: $0)
    }
    remember(input, output: output, plan: backwardPlan, columnsHoldInput: false, pool: pool)
    return output
  }

  /// Backward after ``forwardPooledForTraining(_:by:context:)``: `pooledGradient` is
  /// dLoss/d(the pool's output); the result is dLoss/d(this layer's input) (empty without
  /// `inputGradient`), and the parameter gradients are written. Equals the pool's backward
  /// followed by this layer's, bit for bit.
  func backwardThroughPool(
    _ pooledGradient: Tensor, context: ComputeContext, throughActivation: Bool,
    inputGradient: Bool
  ) -> Tensor {
    precondition(fusedPool != nil, "Conv2D.backwardThroughPool without a fused forward")
    return backward(
      pooledGradient, context: context, throughActivation: throughActivation,
      inputGradient: inputGradient)
  }
}
