import Foundation

/// 2-D convolution (cross-correlation, as Keras and PyTorch compute it) with optional bias and
/// fused activation.
///
///     y[n,f,oy,ox] = b[f] + Σ(c,ky,kx) w[f,c,ky,kx] · x[n,c, oy·s − pt + ky·d, ox·s − pl + kx·d]
///     out = ⌊(in + pad_before + pad_after − k_eff)/s⌋ + 1,   k_eff = d·(k − 1) + 1
///
/// Padding: `valid` none; `same` as Keras (`out = ⌈in/s⌉`, the odd pixel at bottom/right);
/// `P` as PyTorch (P on every side). Parameters: `k·k·Cin·Cout + Cout` ("weight"
/// `[Cout, Cin, k, k]`, "bias" `[Cout]`). MACs per image: `Hout·Wout·Cout·k·k·Cin`.
///
/// Computation (NCHW): the batch is split into `context.threads` chunks; each chunk takes its
/// images a group at a time, lays their windows side by side (`im2col`, `[Cin·k·k, G·Hout·Wout]`),
/// and runs one GEMM `W[Cout, Cin·k·k] · cols`. A 1x1 stride-1 unpadded kernel multiplies the
/// image itself. Backward: `dW = dY·colsᵀ` (summed over chunks in chunk order, so a given thread
/// count gives bit-identical gradients), `dcols = Wᵀ·dY`, then `col2im`. Followed by `maxpool 2`
/// (training and inference), bias, relu and the pool run in the GEMM's epilogue.
public final class Conv2D: Layer, KernelInitialized {
  public let filters: Int
  public let kernel: Int
  public let stride: Int
  public let padding: Padding
  public let dilation: Int
  public let useBias: Bool
  public let activation: Activation?
  public let initializer: Initializer
  /// Prepended to parameter names ("pointwise." inside a separable conv).
  let parameterPrefix: String

  var state = ConvLayerState()

  // What backward needs from the last forward pass besides `state`'s input and output.
  private var lastPlan: ConvPlan?
  private var columnsHoldInput = false
  /// Set when the last forward was ``forwardPooledForTraining(_:by:context:)``: `lastOutput` is
  /// then the pooled output and the pool's `argmax` says where each value came from.
  var fusedPool: MaxPool2D?

  // Scratch reused across calls (grown, never shrunk).
  let columns = ScratchBuffer()
  let products = ScratchBuffer()
  let winogradKernels = ScratchBuffer()

  public convenience init(
    filters: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1,
    useBias: Bool = true, activation: Activation? = nil, initializer: Initializer = .glorot
  ) {
    self.init(
      filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
      useBias: useBias, activation: activation, initializer: initializer, parameterPrefix: "")
  }

  init(
    filters: Int, kernel: Int, stride: Int, padding: Padding, dilation: Int, useBias: Bool,
    activation: Activation?, initializer: Initializer, parameterPrefix: String
  ) {
    self.filters = filters
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    self.useBias = useBias
    self.activation = activation
    self.initializer = initializer
    self.parameterPrefix = parameterPrefix
  }

  public var spec: LayerSpec {
    .conv(
      filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
      bias: useBias, activation: activation, initializer: initializer)
  }

  // MARK: - Shapes and counts

  /// The window geometry for `input`, or the reason it cannot work.
  func geometry(for input: Shape) throws(ShapeError) -> Im2col.Geometry {
    let name = spec.description
    try Conv2D.checkArguments(
      layer: name,
      counts: [
        (filters, "the number of filters", "try 32"), (kernel, "the kernel size", "try 3"),
        (stride, "the stride", "use stride=1 or stride=2"),
        (dilation, "the dilation", "use dilation=1 (none) or 2"),
      ], padding: padding)
    _ = try ShapeError.windowOutput(
      layer: name, input: input, kernel: kernel, stride: stride, padding: padding,
      dilation: dilation)
    return Im2col.Geometry(
      input: input, kernel: kernel, stride: stride, dilation: dilation, padding: padding)
  }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    let g = try geometry(for: input)
    return Shape(height: g.outputHeight, width: g.outputWidth, channels: filters)
  }

  /// `k·k·Cin·Cout + Cout` (no `+ Cout` with `bias=no`).
  public func parameterCount(for input: Shape) -> Int {
    kernel * kernel * input.channels * filters + (useBias ? filters : 0)
  }

  /// `Hout·Wout·Cout·k·k·Cin`.
  public func macs(for input: Shape) -> Int {
    guard let out = try? outputShape(for: input) else { return 0 }
    return out.height * out.width * filters * kernel * kernel * input.channels
  }

  /// `fanIn = Cin·k·k`, `fanOut = Cout·k·k` (Keras and PyTorch agree).
  public func kernelFans(for input: Shape) -> [KernelFans] {
    let area = kernel * kernel
    return [
      KernelFans(
        parameter: parameterPrefix + "weight", fanIn: input.channels * area, fanOut: filters * area)
    ]
  }

  /// Glorot/He/LeCun kernel with ``kernelFans(for:)``; zero bias.
  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    let g = try geometry(for: input)
    let fans = kernelFans(for: input)[0]
    state.build(
      input: input, output: Shape(height: g.outputHeight, width: g.outputWidth, channels: filters),
      geometry: g, kernelDimensions: [filters, input.channels, kernel, kernel],
      fanIn: fans.fanIn, fanOut: fans.fanOut, initializer: initializer,
      biasCount: useBias ? filters : nil, namePrefix: parameterPrefix, random: &random)
    forgetLastBatch()
  }

  public var parameters: [Parameter] { state.parameters }

  /// Refuses counts below 1 (`(value, what, hint)`) and negative padding, with a hint.
  static func checkArguments(
    layer: String, counts: [(value: Int, what: String, hint: String)], padding: Padding
  ) throws(ShapeError) {
    for check in counts where check.value < 1 {
      throw .invalidArgument(
        layer: layer, problem: "\(check.what) must be at least 1, not \(check.value)",
        hint: check.hint)
    }
    if case .explicit(let p) = padding, p < 0 {
      throw .invalidArgument(
        layer: layer, problem: "padding must be 0 or more, not \(p)",
        hint: "use pad=valid, pad=same or pad=1")
    }
  }

  // MARK: - Passes

  /// A 1x1, stride-1, unpadded kernel multiplies the image directly (no im2col).
  var isPointwise: Bool {
    let g = state.geometry
    return kernel == 1 && stride == 1 && g.padTop == 0 && g.padLeft == 0
      && g.outputHeight == g.height && g.outputWidth == g.width
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    if usesWinogradTiles { return runWinograd(input, context: context) }
    return run(input, context: context, pooling: .none)
  }

  /// The forward pass; with `pooling` the output is max-pooled 2x2 (and in inference nothing is
  /// kept for backward).
  func run(_ input: Tensor, context: ComputeContext, pooling: FusedPooling) -> Tensor {
    let weight = state.weight(forInput: input, layer: "Conv2D")
    let (inputShape, convShape) = (state.inputShape, state.outputShape)
    var pooled = true
    var recordingPool: MaxPool2D?
    switch pooling {
    case .none: pooled = false
    case .inference: break
    case .training(let pool): recordingPool = pool
    }
    let outShape =
      pooled
      ? Shape(height: convShape.height / 2, width: convShape.width / 2, channels: filters)
      : convShape
    guard input.batch > 0 else { return Tensor(batch: 0, shape: outShape) }
    forgetLastBatch()
    let g = state.geometry
    let (cout, rows, hw) = (filters, g.rows, g.columns)
    let (inCount, outCount) = (inputShape.count, outShape.count)
    let pointwise = isPointwise
    // Inference keeps no columns: its batches may be larger, and no backward follows.
    let plan = ConvPlan(
      batch: input.batch, context: context, rows: rows, columns: hw, outputs: cout,
      keepColumns: !pointwise && context.mode == .training)
    columns.reserve(plan.columnCapacity)
    products.reserve(plan.chunks.count * plan.groupSize * cout * hw)
    let (columnBase, productBase) = (columns.base, products.base)
    let relu = activation == .relu
    // relu is fused into the epilogue; any other activation runs over the output afterwards.
    let activation = relu ? nil : activation

    /// The output tensor; `argmax` is where a training pool's indices go.
    func compute(argmax: UnsafeMutablePointer<Int32>?) -> Tensor {
      state.output(for: input, weight: weight, shape: outShape) { buffers in
          let (x, w, y, bias) = (buffers.x, buffers.w, buffers.y, buffers.bias)
          /// Writes `images` images' product (`[Cout, images·HW]`) as this group's output.
          func finish(_ product: UnsafePointer<Float>, images: Int, into out: UnsafeMutablePointer<Float>) {
            if let argmax {
              ConvEpilogue.writePooledRecording(
                product, images: images, channels: cout, height: convShape.height,
                width: convShape.width, bias: bias, relu: relu, into: out,
                argmax: argmax + (out - y))
            } else if pooled {
              ConvEpilogue.writePooled(
                product, images: images, channels: cout, height: convShape.height,
                width: convShape.width, bias: bias, relu: relu, into: out)
            } else {
              ConvEpilogue.write(
                product, images: images, channels: cout, size: hw, bias: bias, relu: relu,
                into: out)
            }
          }
          plan.forEachChunk { chunk, range in
            let product = productBase + chunk * plan.groupSize * cout * hw
            for group in plan.groups(of: range) {
              let n = group.count * hw
              let yGroup = y + group.lowerBound * outCount
              if pointwise {
                for i in group {
                  // Unpooled, the product of one image is its NCHW output: finish in place.
                  let target = pooled ? product : y + i * outCount
                  BLAS.sgemm(
                    m: cout, n: hw, k: rows, a: w, lda: rows, b: x + i * inCount, ldb: hw,
                    c: target, ldc: hw)
                  finish(target, images: 1, into: y + i * outCount)
                }
              } else {
                let col = columnBase + plan.columnOffset(group: group, chunk: chunk)
                for i in 0..<group.count {
                  Im2col.im2col(
                    x + (group.lowerBound + i) * inCount, geometry: g, into: col + i * hw,
                    rowStride: n)
                }
                // One unpooled image: [Cout, HW] is already NCHW, finished in place.
                let target = group.count == 1 && !pooled ? yGroup : product
                BLAS.sgemm(
                  m: cout, n: n, k: rows, a: w, lda: rows, b: col, ldb: n, c: target, ldc: n)
                finish(target, images: group.count, into: yGroup)
              }
              activation?.apply(
                UnsafeMutableBufferPointer(start: yGroup, count: group.count * outCount),
                shape: outShape, batch: group.count)
            }
          }
      }
    }
    let output =
      recordingPool?.recordForward(inputShape: convShape, batch: input.batch) {
        compute(argmax: $0)
      } ?? compute(argmax: nil)
    if pooled && recordingPool == nil { return output }
    guard context.keepsForBackward else { return output }  // forgotten above
    remember(input, output: output, plan: plan, columnsHoldInput: true, pool: recordingPool)
    return output
  }

  /// Lets the last batch's tensors go; a pass calls this before it allocates its output (lower
  /// peak memory).
  func forgetLastBatch() {
    state.forgetLastBatch()
    lastPlan = nil
    fusedPool = nil
  }

  /// Keeps what backward needs from a forward pass over `input`: `columnsHoldInput` says
  /// whether the column scratch still holds this batch's im2col (kept columns, see
  /// ``ConvPlan``); `pool` is the fused `maxpool 2` whose `argmax` was recorded.
  func remember(
    _ input: Tensor, output: Tensor, plan: ConvPlan?, columnsHoldInput: Bool, pool: MaxPool2D?
  ) {
    state.remember(input, output: output)
    lastPlan = plan
    self.columnsHoldInput = columnsHoldInput
    fusedPool = pool
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    precondition(fusedPool == nil, "Conv2D.backward after a fused conv + maxpool forward")
    if usesWinogradTiles {
      return backwardWinograd(
        outputGradient, context: context, throughActivation: throughActivation, wanted: true)
    }
    return backward(
      outputGradient, context: context, throughActivation: throughActivation, inputGradient: true)
  }

  /// The parameter gradients of ``backward(_:context:throughActivation:)`` without
  /// dLoss/dInput (no `Wᵀ·dY` GEMM, no `col2im`): for a first layer, whose input is the data.
  func backwardParameters(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) {
    precondition(fusedPool == nil, "Conv2D.backwardParameters after a fused conv + maxpool")
    if usesWinogradTiles {
      _ = backwardWinograd(
        outputGradient, context: context, throughActivation: throughActivation, wanted: false)
      return
    }
    _ = backward(
      outputGradient, context: context, throughActivation: throughActivation,
      inputGradient: false)
  }

  /// Backward pass; with `inputGradient` false only the parameter gradients (an empty tensor
  /// is returned). After a fused forward, `outputGradient` is the pool's.
  func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool,
    inputGradient wantsInputGradient: Bool
  ) -> Tensor {
    let last = state.lastBatch(for: outputGradient, layer: "Conv2D")
    let lastOutput = last.output
    guard let plan = lastPlan else { preconditionFailure("Conv2D.backward before forward") }
    let pool = fusedPool
    let argmax = pool.map(\.argmax) ?? []
    precondition(
      pool == nil || (argmax.count == lastOutput.count && pool?.lastBatch == plan.batch),
      "Conv2D.backward: the fused maxpool has run again since")
    let (inShape, outShape) = (state.inputShape, state.outputShape)
    guard plan.batch > 0 else { return Tensor(batch: 0, shape: inShape) }
    let g = state.geometry
    let (cout, rows, hw, cin) = (filters, g.rows, g.columns, inShape.channels)
    let (inCount, outCount) = (inShape.count, outShape.count)
    let pooledCount = lastOutput.shape.count
    let pointwise = isPointwise
    let activation = throughActivation ? activation : nil
    let groupValues = plan.groupSize * cout * hw
    let partialSize = cout * rows + cout
    let (columnBase, productBase) = (columns.base, products.base)
    let recompute = !(plan.keepsColumns && columnsHoldInput)

    let inputGradient = argmax.withUnsafeBufferPointer { arg in
      state.inputGradient(
        of: outputGradient, last: last, plan: plan, partialSize: partialSize,
        copyPerChunk: activation != nil ? groupValues : 0, wanted: wantsInputGradient
      ) { buffers in
        let (dy, y, x, w) = (buffers.dy, buffers.y, buffers.x, buffers.w)
        let dx = buffers.inputGradient
        let (copyBase, partialBase) = (buffers.gradientCopy, buffers.partials)
        plan.forEachChunk { chunk, range in
          let dW = partialBase + chunk * partialSize
          let dB = dW + cout * rows
          dB.update(repeating: 0, count: cout)
          /// From dY as `[Cout, G·HW]`: the bias and weight gradients, then dX by `col2im`.
          func gradients(of group: Range<Int>, product: UnsafeMutablePointer<Float>, beta: Float) {
            let n = group.count * hw
            VectorKernels.addRowSums(product, rows: cout, length: n, stride: n, into: dB)
            let col = columnBase + plan.columnOffset(group: group, chunk: chunk)
            if recompute {
              for i in 0..<group.count {
                Im2col.im2col(
                  x + (group.lowerBound + i) * inCount, geometry: g, into: col + i * hw,
                  rowStride: n)
              }
            }
            // dW += dY·colsᵀ, then the columns' gradient Wᵀ·dY replaces the columns.
            BLAS.sgemm(
              transposeB: true, m: cout, n: rows, k: n, a: product, lda: n, b: col, ldb: n,
              beta: beta, c: dW, ldc: rows)
            guard let dx else { return }
            BLAS.sgemm(
              transposeA: true, m: rows, n: n, k: cout, a: w, lda: rows, b: product, ldb: n,
              c: col, ldc: n)
            Im2col.col2im(
              col, images: group.count, rowStride: n, geometry: g,
              into: dx + group.lowerBound * inCount)
          }
          for (index, group) in plan.groups(of: range).enumerated() {
            let beta: Float = index == 0 ? 0 : 1
            // (An empty array may still have a base address: ask for the pool, not the
            // pointer.)
            if pool != nil, let arg = arg.baseAddress {
              // Through the fused pool: dLoss/d(pre-activation) straight into product layout.
              let first = group.lowerBound * pooledCount
              let product = productBase + chunk * groupValues
              ConvEpilogue.pooledGradient(
                dy + first, pooled: y + first, argmax: arg + first, images: group.count,
                channels: cout, size: hw, pooledSize: pooledCount / cout,
                relu: activation == .relu, into: product)
              gradients(of: group, product: product, beta: beta)
              continue
            }
            // dLoss/d(pre-activation) for this group's images, NCHW.
            let delta = VectorKernels.preActivationGradient(
              dy + group.lowerBound * outCount, outputs: y + group.lowerBound * outCount,
              activation: activation, shape: outShape, images: group.count,
              scratch: copyBase + chunk * groupValues)
            if pointwise {
              for (i, image) in group.enumerated() {
                let d = delta + i * outCount
                VectorKernels.addRowSums(d, rows: cout, length: hw, stride: hw, into: dB)
                BLAS.sgemm(
                  transposeB: true, m: cout, n: cin, k: hw, a: d, lda: hw,
                  b: x + image * inCount, ldb: hw, beta: i == 0 ? beta : 1, c: dW, ldc: rows)
                guard let dx else { continue }
                BLAS.sgemm(
                  transposeA: true, m: cin, n: hw, k: cout, a: w, lda: rows, b: d, ldb: hw,
                  c: dx + image * inCount, ldc: hw)
              }
              continue
            }
            // dY as [Cout, G·HW] (one image's NCHW already is).
            var product = delta
            if group.count > 1 {
              product = productBase + chunk * groupValues
              VectorKernels.nchwToProduct(
                delta, images: group.count, channels: cout, size: hw, into: product)
            }
            gradients(of: group, product: product, beta: beta)
          }
        }
      }
    }
    // The kept columns now hold their gradients: another backward recomputes them.
    columnsHoldInput = false
    return inputGradient
  }
}

extension Conv2D {
  /// The dilated window `k_eff = d·(k − 1) + 1` moved by `s`.
  public var window: SpatialWindow {
    .sliding(kernel: dilation * (kernel - 1) + 1, stride: stride, padding: padding)
  }

  /// `weight` `[Cout, Cin, k, k]`.
  public var drawnKernel: DrawnKernel? { DrawnKernel(parameter: "weight", outputsFirst: true) }

  /// `N × (k·k·C) + N` parameters, `H'·W'·N·(k·k·C)` MACs, and the same conv's cost as
  /// depthwise-separable (MobileNet, Howard et al. 2017): `D_K²·M·D_F² + M·N·D_F²` against
  /// `D_K²·M·N·D_F²`, ratio `1/N + 1/D_K²`.
  ///
  /// The comparison is offered only when it saves (ratio < 1). A 1x1 kernel has nothing
  /// spatial to split (the ratio would be `1/N + 1`, more than the conv itself): its notes say
  /// what it is instead, a dense layer `C → N` applied at every output position,
  /// `out[:, y, x] = W · in[:, y·s, x·s] + b` with `W` of `N x C`. A single filter (`N = 1`,
  /// ratio `1 + 1/D_K² > 1`) gets a note that it would cost more, with the ratio.
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    let (k, c, n) = (kernel, input.channels, filters)
    let positions = output.isFlat ? 1 : output.height * output.width
    let area = "\(output.height)·\(output.width)"
    let parameters = n * k * k * c + (useBias ? n : 0)
    let macs = positions * n * k * k * c
    let separable = k * k * c * positions + c * n * positions
    let ratio = 1 / Double(n) + 1 / Double(k * k)
    let ratioText = "1/N + 1/D_K² = 1/\(n) + 1/\(k * k) = " + String(format: "%.3f", ratio)
    let notes: [String]
    if k == 1 {
      notes = [
        "1x1 conv = dense \(c) -> \(n) at every pixel: it mixes channels, not neighbours",
        "  out[:, y, x] = W · in[:, y, x]" + (useBias ? " + b" : "")
          + ", the same W (\(n)x\(c)) at every position",
        "  no window to split: as depthwise-separable it would cost more, not less",
      ]
    } else if ratio < 1 {
      notes = [
        "as depthwise-separable (D_K=\(k), M=\(c), N=\(n), D_F²=\(area)):",
        "  D_K²·M·D_F² + M·N·D_F² = \(k * k)·\(c)·\(positions) + \(c)·\(n)·\(positions) = "
          + "\(grouped(separable)) MACs",
        "  vs D_K²·M·N·D_F² = \(grouped(macs)); ratio \(ratioText)",
      ]
    } else {
      notes = [
        "as depthwise-separable it would cost more, not less:",
        "  ratio \(ratioText) ≥ 1",
      ]
    }
    return LayerArithmetic(
      parameters: parameters,
      parametersLine: "params: \(n) × (\(k)·\(k)·\(c))" + (useBias ? " + \(n)" : "")
        + " = \(grouped(parameters))",
      macs: macs,
      macsLine: "MACs: \(area)·\(n) · (\(k)·\(k)·\(c)) = \(grouped(macs))",
      notes: notes)
  }

  public var isRandomWhenTraining: Bool { false }
}
