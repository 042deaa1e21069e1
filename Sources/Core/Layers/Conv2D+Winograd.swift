/// A 3x3 stride-1 convolution on at least 16 input and 16 output channels, any padding and
/// size, through Winograd F(2x2, 3x3) in both directions (see ``Winograd/Tiling``): forward,
/// dLoss/dInput and dLoss/dKernel each take 16 multiplications per 2x2 outputs where im2col
/// takes 36.
///
/// Chunks and groups as in ``ConvPlan``, with tiles for columns. Which path a layer takes
/// depends on its shapes only, never on the batch or the thread count, so results stay
/// bit-identical for a given seed and thread count; they differ from the im2col sums by
/// rounding (a few ulps of the largest term).
extension Conv2D {
  /// How this layer's unfused passes compute (decided by its shapes once built).
  public var method: ConvolutionMethod {
    if usesWinogradTiles { return .winograd }
    return isPointwise ? .pointwise : .im2col
  }

  /// Fewer channels make the 16 GEMMs too thin to win.
  static let winogradMinimumChannels = 16

  /// Whether unfused passes run through ``Winograd``: a 3x3 kernel, stride 1, no dilation, and
  /// at least ``winogradMinimumChannels`` channels in and out.
  var usesWinogradTiles: Bool {
    kernel == 3 && stride == 1 && dilation == 1
      && state.inputShape.channels >= Conv2D.winogradMinimumChannels
      && filters >= Conv2D.winogradMinimumChannels
  }

  /// The forward tiling of this layer's geometry.
  var winogradTiling: Winograd.Tiling {
    let g = state.geometry
    return Winograd.Tiling(
      height: g.height, width: g.width, padTop: g.padTop, padLeft: g.padLeft,
      outputHeight: g.outputHeight, outputWidth: g.outputWidth)
  }

  /// Whole images are grouped until a GEMM has about this many tiles.
  static let winogradGroupTiles = 128

  /// An image with more tiles than this is taken in bands of tile rows of at most this many
  /// (``Winograd/Block``). Measured on resnet-cifar (AMD EPYC, 2 threads, relative to an
  /// im2col conv of the same run): blocks of 256 tiles beat 128 by 5% on 32x32x32 maps (the
  /// GEMMs' fixed cost), and 512 or 1024 by 5–10% (`V` and `M` fall out of the L2 cache).
  public static let winogradBandTiles = 256

  /// The plan for either direction: per image, the larger of the forward and backward tile
  /// counts and channel counts; images grouped up to ``winogradGroupTiles`` tiles per GEMM.
  func winogradPlan(batch: Int, context: ComputeContext) -> ConvPlan {
    let tiling = winogradTiling
    let tiles = max(tiling.tilesPerImage, tiling.inputGradient.tilesPerImage)
    let channels = max(state.inputShape.channels, filters)
    return ConvPlan(
      batch: batch, context: context, rows: 16 * channels, columns: tiles,
      outputs: 16 * channels, keepColumns: false,
      targetColumns: Conv2D.winogradGroupTiles)
  }

  /// Values of one chunk's `[16, channels, tiles]` block for either direction's largest block.
  func winogradBlock(_ plan: ConvPlan) -> Int {
    let tiling = winogradTiling
    let target = Conv2D.winogradBandTiles
    let tiles = max(
      Winograd.Block.largestTileCount(
        groupSize: plan.groupSize, tiling: tiling, targetTiles: target),
      Winograd.Block.largestTileCount(
        groupSize: plan.groupSize, tiling: tiling.inputGradient, targetTiles: target))
    return Winograd.blockCount(rows: max(state.inputShape.channels, filters), tileCount: tiles)
  }

  /// The unfused forward pass through Winograd: `y = act(conv(x) + b)`.
  func runWinograd(_ input: Tensor, context: ComputeContext) -> Tensor {
    let weight = state.weight(forInput: input, layer: "Conv2D")
    let (inputShape, outShape) = (state.inputShape, state.outputShape)
    guard input.batch > 0 else { return Tensor(batch: 0, shape: outShape) }
    forgetLastBatch()
    let (cin, cout) = (inputShape.channels, filters)
    let tiling = winogradTiling
    let target = Conv2D.winogradBandTiles
    let (inCount, outCount) = (inputShape.count, outShape.count)
    let plan = winogradPlan(batch: input.batch, context: context)
    // Per chunk: V `[16, Cin, tiles]` and M `[16, Cout, tiles]` for a whole group.
    let block = winogradBlock(plan)
    columns.reserve(plan.chunks.count * block)
    products.reserve(plan.chunks.count * block)
    winogradKernels.reserve(Winograd.kernelCount(filters: cout, channels: cin))
    let (vBase, mBase, u) = (columns.base, products.base, winogradKernels.base)
    weight.value.withUnsafeBufferPointer {
      Winograd.transformKernels(ScratchBuffer.address($0), filters: cout, channels: cin, into: u)
    }
    let relu = activation == .relu
    let activation = relu ? nil : activation
    let output = state.output(for: input, weight: weight) { buffers in
      let (x, y, bias) = (buffers.x, buffers.y, buffers.bias)
      plan.forEachChunk { chunk, range in
        let (v, m) = (vBase + chunk * block, mBase + chunk * block)
        for group in plan.groups(of: range) {
          let (xGroup, yGroup) = (x + group.lowerBound * inCount, y + group.lowerBound * outCount)
          let blocks = Winograd.Block.blocks(
            images: group.count, tiling: tiling, inputImage: inCount, outputImage: outCount,
            targetTiles: target)
          Winograd.Block.convolve(
            blocks, input: xGroup, channels: cin, kernels: u, filters: cout, bias: bias,
            relu: relu, v: v, m: m, into: yGroup)
          activation?.apply(
            UnsafeMutableBufferPointer(start: yGroup, count: group.count * outCount),
            shape: outShape, batch: group.count)
        }
      }
    }
    guard context.keepsForBackward else { return output }
    remember(input, output: output, plan: plan, columnsHoldInput: false, pool: nil)
    return output
  }

  /// Backward after ``runWinograd(_:context:)``: the bias gradient as row sums of δ, the kernel
  /// gradient as `Gᵀ·(Σ dM·Vᵀ)·G`, and (when `wanted`) dLoss/dInput as the turned kernel's
  /// convolution of δ, all per chunk in chunk order.
  func backwardWinograd(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool, wanted: Bool
  ) -> Tensor {
    let last = state.lastBatch(for: outputGradient, layer: "Conv2D")
    let (inShape, outShape) = (state.inputShape, state.outputShape)
    let batch = last.output.batch
    guard batch > 0 else { return Tensor(batch: 0, shape: inShape) }
    let plan = winogradPlan(batch: batch, context: context)
    let (cin, cout) = (inShape.channels, filters)
    let (inCount, outCount) = (inShape.count, outShape.count)
    let tiling = winogradTiling
    let back = tiling.inputGradient
    let target = Conv2D.winogradBandTiles
    let activation = throughActivation ? activation : nil
    let partialSize = cout * cin * 9 + cout
    // Per chunk: V (then V'), dM (then M'), and the chunk's dU.
    let block = winogradBlock(plan)
    let gradientBlock = 16 * cout * cin
    columns.reserve(plan.chunks.count * block)
    products.reserve(plan.chunks.count * block)
    winogradKernels.reserve(
      Winograd.kernelCount(filters: cout, channels: cin) + plan.chunks.count * gradientBlock)
    let (vBase, mBase) = (columns.base, products.base)
    let (uTurned, duBase) = (winogradKernels.base, winogradKernels.base + 16 * cout * cin)
    if wanted {
      last.weight.value.withUnsafeBufferPointer {
        Winograd.transformKernelsForInputGradient(
          ScratchBuffer.address($0), filters: cout, channels: cin, into: uTurned)
      }
    }
    let copyPerChunk = activation != nil ? plan.groupSize * outCount : 0
    let inputGradient = state.inputGradient(
      of: outputGradient, last: last, plan: plan, partialSize: partialSize,
      copyPerChunk: copyPerChunk, wanted: wanted
    ) { buffers in
      let (dy, y, x) = (buffers.dy, buffers.y, buffers.x)
      let dx = buffers.inputGradient
      plan.forEachChunk { chunk, range in
        let dW = buffers.partials + chunk * partialSize
        let dB = dW + cout * cin * 9
        dB.update(repeating: 0, count: cout)
        let (v, m) = (vBase + chunk * block, mBase + chunk * block)
        let du = duBase + chunk * gradientBlock
        for (index, group) in plan.groups(of: range).enumerated() {
          let delta = VectorKernels.preActivationGradient(
            dy + group.lowerBound * outCount, outputs: y + group.lowerBound * outCount,
            activation: activation, shape: outShape, images: group.count,
            scratch: buffers.gradientCopy + chunk * copyPerChunk)
          let size = outShape.height * outShape.width
          for i in 0..<group.count {
            VectorKernels.addRowSums(
              delta + i * outCount, rows: cout, length: size, stride: size, into: dB)
          }
          let xGroup = x + group.lowerBound * inCount
          let forward = Winograd.Block.blocks(
            images: group.count, tiling: tiling, inputImage: inCount, outputImage: outCount,
            targetTiles: target)
          for (blockIndex, block) in forward.enumerated() {
            let tiles = block.tileCount
            Winograd.transformInput(
              xGroup + block.inputOffset, images: block.images, channels: cin,
              tiling: block.tiling, tileCount: tiles, into: v)
            Winograd.transformOutputGradient(
              delta + block.outputOffset, images: block.images, channels: cout,
              tiling: block.tiling, tileCount: tiles, into: m)
            Winograd.multiplyGradient(
              m, v, filters: cout, channels: cin, tileCount: tiles,
              overwrite: index == 0 && blockIndex == 0, into: du)
          }
          guard let dx else { continue }
          let dxGroup = dx + group.lowerBound * inCount
          let backward = Winograd.Block.blocks(
            images: group.count, tiling: back, inputImage: outCount, outputImage: inCount,
            targetTiles: target)
          Winograd.Block.convolve(
            backward, input: delta, channels: cout, kernels: uTurned, filters: cin, bias: nil,
            relu: false, v: v, m: m, into: dxGroup)
        }
        Winograd.kernelGradient(du, filters: cout, channels: cin, into: dW)
      }
    }
    return inputGradient
  }
}

