/// Transposed 2-D convolution as PyTorch's `ConvTranspose2d` (no output padding): every input
/// pixel stamps its `k x k` kernel onto the output, `s` pixels apart, cropped by `P` on each side.
///
///     y[n,o, iy·s − P + ky, ix·s − P + kx] += w[c,o,ky,kx] · x[n,c,iy,ix]   (then + b[o])
///     out = (in − 1)·s − 2P + k
///
/// It is the adjoint of a `k x k`, stride-`s`, pad-`P` convolution, so it runs as one: forward
/// is `cols = Wᵀ·X` then `col2im`, backward `im2col(dY)` then `dX = W·cols`,
/// `dW = X·colsᵀ`. Parameters: `Cin·Cout·k·k + Cout` ("weight" `[Cin, Cout, k, k]`,
/// "bias" `[Cout]`). MACs per image: `Hin·Win·Cin·k·k·Cout`.
public final class TransposedConv2D: Layer, KernelInitialized {
  public let filters: Int
  public let kernel: Int
  public let stride: Int
  public let padding: Int
  public let activation: Activation?
  public let initializer: Initializer

  /// Its geometry is that of the convolution this layer is the transpose of (output → input).
  private var state = ConvLayerState()
  private let columns = ScratchBuffer()
  private let inputColumns = ScratchBuffer()

  public init(
    filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
    activation: Activation? = nil, initializer: Initializer = .glorot
  ) {
    self.filters = filters
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.activation = activation
    self.initializer = initializer
  }

  public var spec: LayerSpec {
    .transposedConv(
      filters: filters, kernel: kernel, stride: stride, padding: padding, activation: activation,
      initializer: initializer)
  }

  // MARK: - Shapes and counts

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    let name = spec.description
    try Conv2D.checkArguments(
      layer: name,
      counts: [
        (filters, "the number of filters", "try 16"), (kernel, "the kernel size", "try 2 or 4"),
        (stride, "the stride", "use stride=2 to double the size"),
      ], padding: .explicit(padding))
    guard !input.isFlat else { throw .needsImageInput(layer: name, input: input) }
    guard padding < kernel else {
      throw .invalidArgument(
        layer: name, problem: "pad \(padding) must be smaller than the kernel \(kernel)",
        hint: "use pad=\(kernel / 2) or less")
    }
    var sizes: [Int] = []
    for size in [input.height, input.width] {
      let out = (size - 1) * stride - 2 * padding + kernel
      guard out >= 1 else {
        throw .invalidArgument(
          layer: name,
          problem:
            "input \(input) gives (\(size) - 1)·\(stride) - 2·\(padding) + \(kernel) = \(out)"
            + " output pixels",
          hint: "use a smaller pad or a larger kernel or stride")
      }
      sizes.append(out)
    }
    return Shape(height: sizes[0], width: sizes[1], channels: filters)
  }

  /// `Cin·Cout·k·k + Cout`.
  public func parameterCount(for input: Shape) -> Int {
    input.channels * filters * kernel * kernel + filters
  }

  /// `Hin·Win·Cin·k·k·Cout`.
  public func macs(for input: Shape) -> Int {
    guard (try? outputShape(for: input)) != nil else { return 0 }
    return input.height * input.width * input.channels * kernel * kernel * filters
  }

  /// `fanIn = Cout·k·k`, `fanOut = Cin·k·k`, as Keras' Conv2DTranspose (kernel `(k, k, Cout,
  /// Cin)`) and PyTorch (weight `(Cin, Cout, k, k)`) both compute them.
  public func kernelFans(for input: Shape) -> [KernelFans] {
    let area = kernel * kernel
    return [KernelFans(parameter: "weight", fanIn: filters * area, fanOut: input.channels * area)]
  }

  /// Kernel drawn with ``kernelFans(for:)``; zero bias.
  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    let out = try outputShape(for: input)
    let fans = kernelFans(for: input)[0]
    state.build(
      input: input, output: out,
      geometry: Im2col.Geometry(
        channels: filters, height: out.height, width: out.width, kernel: kernel, stride: stride,
        padTop: padding, padBottom: padding, padLeft: padding, padRight: padding),
      kernelDimensions: [input.channels, filters, kernel, kernel], fanIn: fans.fanIn,
      fanOut: fans.fanOut, initializer: initializer, biasCount: filters,
      namePrefix: "", random: &random)
  }

  public var parameters: [Parameter] { state.parameters }

  // MARK: - Passes

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let weight = state.weight(forInput: input, layer: "TransposedConv2D")
    let (inShape, outShape) = (state.inputShape, state.outputShape)
    guard input.batch > 0 else { return Tensor(batch: 0, shape: outShape) }
    let g = state.geometry
    let (cin, rows, hw) = (inShape.channels, g.rows, g.columns)
    let (inCount, outCount) = (inShape.count, outShape.count)
    let plan = ConvPlan(
      batch: input.batch, context: context, rows: rows, columns: hw, outputs: cin,
      keepColumns: false)
    columns.reserve(plan.columnCapacity)
    inputColumns.reserve(plan.chunks.count * plan.groupSize * cin * hw)
    let (columnBase, inputBase) = (columns.base, inputColumns.base)
    let activation = activation

    let output = state.output(for: input, weight: weight) { b in
      let (x, w, bias, y) = (b.x, b.w, b.bias, b.y)
      plan.forEachChunk { chunk, range in
        for group in plan.groups(of: range) {
          let n = group.count * hw
          let xGroup = TransposedConv2D.inputMatrix(
            x + group.lowerBound * inCount, images: group.count, channels: cin, size: hw,
            scratch: inputBase + chunk * plan.groupSize * cin * hw)
          // cols[Cout·k·k, G·HWin] = Wᵀ·X, then each image's columns are stamped.
          let col = columnBase + plan.columnOffset(group: group, chunk: chunk)
          BLAS.sgemm(
            transposeA: true, m: rows, n: n, k: cin, a: w, lda: rows, b: xGroup, ldb: n,
            c: col, ldc: n)
          let yGroup = y + group.lowerBound * outCount
          Im2col.col2im(col, images: group.count, rowStride: n, geometry: g, into: yGroup)
          if let bias {
            VectorKernels.addBias(
              bias, to: yGroup, planes: group.count * outShape.channels,
              size: outShape.height * outShape.width)
          }
          activation?.apply(
            UnsafeMutableBufferPointer(start: yGroup, count: group.count * outCount),
            shape: outShape, batch: group.count)
        }
      }
    }
    if context.keepsForBackward { state.remember(input, output: output) } else { state.forgetLastBatch() }
    return output
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    let last = state.lastBatch(for: outputGradient, layer: "TransposedConv2D")
    let (inShape, outShape) = (state.inputShape, state.outputShape)
    let g = state.geometry
    let (cin, cout, rows, hw) = (inShape.channels, filters, g.rows, g.columns)
    let (inCount, outCount) = (inShape.count, outShape.count)
    let plan = ConvPlan(
      batch: last.input.batch, context: context, rows: rows, columns: hw, outputs: cin,
      keepColumns: false)
    let activation = throughActivation ? activation : nil
    let partialSize = cin * rows + cout
    return state.inputGradient(
      of: outputGradient, last: last, plan: plan, partialSize: partialSize,
      copyPerChunk: activation == nil ? 0 : plan.groupSize * outCount
    ) { b in
      columns.reserve(plan.columnCapacity)
      inputColumns.reserve(plan.chunks.count * plan.groupSize * cin * hw)
      let (columnBase, inputBase) = (columns.base, inputColumns.base)
      let (dy, y, x, w, dx) = (b.dy, b.y, b.x, b.w, b.dx)
      plan.forEachChunk { chunk, range in
        let dW = b.partials + chunk * partialSize
        let dB = dW + cin * rows
        dB.update(repeating: 0, count: cout)
        for (index, group) in plan.groups(of: range).enumerated() {
          let n = group.count * hw
          let delta = VectorKernels.preActivationGradient(
            dy + group.lowerBound * outCount, outputs: y + group.lowerBound * outCount,
            activation: activation, shape: outShape, images: group.count,
            scratch: b.gradientCopy + chunk * plan.groupSize * outCount)
          VectorKernels.addChannelSums(
            delta, images: group.count, channels: cout, size: outCount / cout, into: dB)
          let col = columnBase + plan.columnOffset(group: group, chunk: chunk)
          for i in 0..<group.count {
            Im2col.im2col(
              delta + i * outCount, geometry: g, into: col + i * hw, rowStride: n)
          }
          let xGroup = TransposedConv2D.inputMatrix(
            x + group.lowerBound * inCount, images: group.count, channels: cin, size: hw,
            scratch: inputBase + chunk * plan.groupSize * cin * hw)
          // dW[Cin, Cout·k·k] += X·colsᵀ; dX[Cin, G·HWin] = W·cols.
          BLAS.sgemm(
            transposeB: true, m: cin, n: rows, k: n, a: xGroup, lda: n, b: col, ldb: n,
            beta: index == 0 ? 0 : 1, c: dW, ldc: rows)
          let dxGroup = dx + group.lowerBound * inCount
          if group.count == 1 {
            BLAS.sgemm(
              m: cin, n: n, k: rows, a: w, lda: rows, b: col, ldb: n, c: dxGroup, ldc: n)
          } else {
            // The gathered input is no longer needed: its scratch takes the product.
            let product = inputBase + chunk * plan.groupSize * cin * hw
            BLAS.sgemm(
              m: cin, n: n, k: rows, a: w, lda: rows, b: col, ldb: n, c: product, ldc: n)
            VectorKernels.productToNCHW(
              product, images: group.count, channels: cin, size: hw, bias: nil,
              into: dxGroup)
          }
        }
      }
    }
  }

  /// The group's input as a `[Cin, G·HWin]` matrix: the image itself for one image, else
  /// gathered into `scratch`.
  private static func inputMatrix(
    _ x: UnsafeMutablePointer<Float>, images: Int, channels: Int, size: Int,
    scratch: UnsafeMutablePointer<Float>
  ) -> UnsafeMutablePointer<Float> {
    guard images > 1 else { return x }
    VectorKernels.nchwToProduct(x, images: images, channels: channels, size: size, into: scratch)
    return scratch
  }
}

extension TransposedConv2D {
  /// Each input cell spreads over a `k` window every `s` output cells, `p` cropped per side.
  public var window: SpatialWindow { .spreading(kernel: kernel, stride: stride, padding: padding) }

  /// `weight` `[Cin, Cout, k, k]`, drawn per output channel.
  public var drawnKernel: DrawnKernel? { DrawnKernel(parameter: "weight", outputsFirst: false) }

  /// `C·N·k·k + N` parameters, `H·W·C · k·k·N` MACs (every input cell times the kernel).
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    let (k, c, n) = (kernel, input.channels, filters)
    let parameters = c * n * k * k + n
    let macs = input.height * input.width * c * k * k * n
    return LayerArithmetic(
      parameters: parameters,
      parametersLine: "params: \(c)·\(n)·\(k)·\(k) + \(n) = \(grouped(parameters))",
      macs: macs,
      macsLine: "MACs: \(input.height)·\(input.width)·\(c) · \(k)·\(k)·\(n) = \(grouped(macs))")
  }

  public var isRandomWhenTraining: Bool { false }
}
