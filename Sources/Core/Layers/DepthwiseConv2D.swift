/// Depthwise 2-D convolution: every input channel has its own `M` kernels (Keras
/// `DepthwiseConv2D(depth_multiplier=M)`, PyTorch `Conv2d(groups=Cin)`), with a bias per output
/// channel and optional fused activation.
///
///     y[n, c·M + m, oy, ox] = b[c·M + m] + Σ(ky,kx) w[c·M + m, ky, kx] · x[n, c, oy·s − pt + ky, ox·s − pl + kx]
///     out = ⌊(in + pad_before + pad_after − k)/s⌋ + 1   (padding as ``Conv2D``)
///
/// Output channels: `Cin·M`, channel `c` gives `c·M ..< (c + 1)·M`. Parameters:
/// `k·k·Cin·M + Cin·M` ("weight" `[Cin·M, 1, k, k]`, "bias" `[Cin·M]`). MACs per image:
/// `Hout·Wout·Cin·M·k·k`. A direct loop over each plane (no GEMM: there is nothing to share
/// between channels), run over batch chunks in parallel; weight gradients are summed per chunk
/// and then in chunk order.
public final class DepthwiseConv2D: Layer {
  public let kernel: Int
  public let multiplier: Int
  public let stride: Int
  public let padding: Padding
  public let activation: Activation?
  public let initializer: Initializer
  /// False inside a separable conv (Keras puts its only bias on the pointwise step).
  let useBias: Bool
  /// Prepended to parameter names ("depthwise." inside a separable conv).
  let parameterPrefix: String

  private var weight: Parameter?
  private var bias: Parameter?
  private var geometry = Im2col.Geometry(channels: 0, height: 0, width: 0, kernel: 1)
  private var inputShape = Shape(height: 0, width: 0, channels: 0)
  private var outputShapeBuilt = Shape(height: 0, width: 0, channels: 0)

  private var lastInput: Tensor?
  private var lastOutput: Tensor?
  private let gradientCopy = ScratchBuffer()
  private let partials = ScratchBuffer()

  public convenience init(
    kernel: Int, multiplier: Int = 1, stride: Int = 1, padding: Padding = .valid,
    activation: Activation? = nil, initializer: Initializer = .glorot
  ) {
    self.init(
      kernel: kernel, multiplier: multiplier, stride: stride, padding: padding,
      activation: activation, initializer: initializer, useBias: true, parameterPrefix: "")
  }

  init(
    kernel: Int, multiplier: Int, stride: Int, padding: Padding, activation: Activation?,
    initializer: Initializer, useBias: Bool, parameterPrefix: String
  ) {
    self.kernel = kernel
    self.multiplier = multiplier
    self.stride = stride
    self.padding = padding
    self.activation = activation
    self.initializer = initializer
    self.useBias = useBias
    self.parameterPrefix = parameterPrefix
  }

  public var spec: LayerSpec {
    .depthwiseConv(
      kernel: kernel, multiplier: multiplier, stride: stride, padding: padding,
      activation: activation)
  }

  // MARK: - Shapes and counts

  /// The window geometry for `input`, or the reason it cannot work; `layer` names the command
  /// in messages (a separable conv passes its own).
  func geometry(for input: Shape, layer: String? = nil) throws(ShapeError) -> Im2col.Geometry {
    let name = layer ?? spec.description
    try Conv2D.checkArguments(
      layer: name,
      counts: [
        (kernel, "the kernel size", "try 3"),
        (multiplier, "the multiplier", "use mult=1 or mult=2"),
        (stride, "the stride", "use stride=1 or stride=2"),
      ], padding: padding)
    _ = try ShapeError.windowOutput(
      layer: name, input: input, kernel: kernel, stride: stride, padding: padding)
    return Im2col.Geometry(input: input, kernel: kernel, stride: stride, padding: padding)
  }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    let g = try geometry(for: input)
    return Shape(
      height: g.outputHeight, width: g.outputWidth, channels: input.channels * multiplier)
  }

  /// `k·k·Cin·M + Cin·M`.
  public func parameterCount(for input: Shape) -> Int {
    let outputs = input.channels * multiplier
    return kernel * kernel * outputs + (useBias ? outputs : 0)
  }

  /// `Hout·Wout·Cin·M·k·k`.
  public func macs(for input: Shape) -> Int {
    guard let out = try? outputShape(for: input) else { return 0 }
    return out.height * out.width * out.channels * kernel * kernel
  }

  /// `size += (k − 1)·jump`, `jump ·= s`.
  public func receptiveField(after previous: ReceptiveField) -> ReceptiveField {
    previous.through(kernel: kernel, stride: stride)
  }

  /// Kernel drawn with `fanIn = k·k`, `fanOut = k·k·M` (one input channel per kernel); zero bias.
  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    geometry = try geometry(for: input)
    inputShape = input
    let outputs = input.channels * multiplier
    outputShapeBuilt = Shape(
      height: geometry.outputHeight, width: geometry.outputWidth, channels: outputs)
    let area = kernel * kernel
    weight = Parameter(
      name: parameterPrefix + "weight", dimensions: [outputs, 1, kernel, kernel],
      value: initializer.values(
        count: outputs * area, fanIn: area, fanOut: area * multiplier, random: &random))
    bias =
      useBias
      ? Parameter(
        name: parameterPrefix + "bias", dimensions: [outputs],
        value: [Float](repeating: 0, count: outputs)) : nil
    lastInput = nil
    lastOutput = nil
  }

  public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

  // MARK: - Passes

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    guard let weight else { preconditionFailure("DepthwiseConv2D.forward before build") }
    precondition(input.shape == inputShape, "built for \(inputShape), got \(input.shape)")
    let outShape = outputShapeBuilt
    guard input.batch > 0 else { return Tensor(batch: 0, shape: outShape) }
    let g = geometry
    let (multiplier, area, plane) = (multiplier, kernel * kernel, g.columns)
    let (inCount, outCount, inPlane) = (inputShape.count, outShape.count, g.height * g.width)
    let plan = ConvPlan(
      batch: input.batch, context: context, rows: 1, columns: 1, outputs: 1, keepColumns: false)
    let activation = activation

    let output = Tensor(batch: input.batch, shape: outShape) { yBuffer in
      let y = ScratchBuffer.address(yBuffer)
      let arrays = [input.storage, weight.value] + (bias.map { [$0.value] } ?? [])
      ScratchBuffer.withAddresses(of: arrays) { p in
        let (x, w) = (p[0], p[1])
        let bias = p.count > 2 ? UnsafeBufferPointer(start: p[2], count: outShape.channels) : nil
        plan.forEachChunk { _, range in
          for n in range {
            for o in 0..<outShape.channels {
              let out = y + n * outCount + o * plane
              out.update(repeating: bias?[o] ?? 0, count: plane)
              DepthwiseConv2D.accumulateForward(
                x + n * inCount + (o / multiplier) * inPlane, kernel: w + o * area,
                geometry: g, into: out)
            }
          }
          activation?.apply(
            UnsafeMutableBufferPointer(
              start: y + range.lowerBound * outCount, count: range.count * outCount),
            shape: outShape, batch: range.count)
        }
      }
    }
    lastInput = input
    lastOutput = output
    return output
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let weight, let lastInput, let lastOutput else {
      preconditionFailure("DepthwiseConv2D.backward before forward")
    }
    precondition(
      outputGradient.batch == lastInput.batch && outputGradient.shape == outputShapeBuilt)
    let (inShape, outShape) = (inputShape, outputShapeBuilt)
    guard lastInput.batch > 0 else { return Tensor(batch: 0, shape: inShape) }
    let g = geometry
    let (multiplier, area, plane) = (multiplier, kernel * kernel, g.columns)
    let (inCount, outCount, inPlane) = (inShape.count, outShape.count, g.height * g.width)
    let outputs = outShape.channels
    let plan = ConvPlan(
      batch: lastInput.batch, context: context, rows: 1, columns: 1, outputs: 1,
      keepColumns: false)
    let activation = throughActivation ? activation : nil
    let partialSize = outputs * area + outputs
    if activation != nil { gradientCopy.reserve(plan.chunks.count * outCount) }
    partials.reserve(plan.chunks.count * partialSize)
    let (copyBase, partialBase) = (gradientCopy.base, partials.base)

    let inputGradient = Tensor(batch: lastInput.batch, shape: inShape) { dxBuffer in
      let dx = ScratchBuffer.address(dxBuffer)
      let arrays = [outputGradient.storage, lastOutput.storage, lastInput.storage, weight.value]
      ScratchBuffer.withAddresses(of: arrays) { p in
        let (dy, y, x, w) = (p[0], p[1], p[2], p[3])
        plan.forEachChunk { chunk, range in
          let dW = partialBase + chunk * partialSize
          let dB = dW + outputs * area
          dW.update(repeating: 0, count: partialSize)
          for n in range {
            // dLoss/d(pre-activation) for image n, NCHW.
            let delta = VectorKernels.preActivationGradient(
              dy + n * outCount, outputs: y + n * outCount, activation: activation,
              shape: outShape, images: 1, scratch: copyBase + chunk * outCount)
            VectorKernels.addRowSums(
              delta, rows: outputs, length: plane, stride: plane, into: dB)
            let dxImage = dx + n * inCount
            dxImage.update(repeating: 0, count: inCount)
            for o in 0..<outputs {
              let c = o / multiplier
              DepthwiseConv2D.accumulateBackward(
                delta + o * plane, input: x + n * inCount + c * inPlane,
                kernel: w + o * area, geometry: g, kernelGradient: dW + o * area,
                inputGradient: dxImage + c * inPlane)
            }
          }
        }
        plan.writeGradients(
          from: partialBase, stride: partialSize, weight: weight, bias: bias)
      }
    }
    return inputGradient
  }

  // MARK: - Plane loops

  /// `out[oy, ox] += Σ(ky,kx) w[ky, kx] · x[oy·s − pt + ky, ox·s − pl + kx]` for one plane.
  static func accumulateForward(
    _ x: UnsafePointer<Float>, kernel w: UnsafePointer<Float>, geometry g: Im2col.Geometry,
    into out: UnsafeMutablePointer<Float>
  ) {
    let (k, s, wOut) = (g.kernel, g.stride, g.outputWidth)
    for ky in 0..<k {
      for kx in 0..<k {
        let weight = w[ky * k + kx]
        let dx = kx - g.padLeft
        let valid = g.columnRanges[kx]
        if valid.isEmpty { continue }
        for oy in g.rowRanges[ky] {
          let iy = oy * s + ky - g.padTop
          let row = out + oy * wOut
          let source = x + iy * g.width + dx
          if s == 1 {
            VectorKernels.axpy(
              weight, source + valid.lowerBound, row + valid.lowerBound, count: valid.count)
          } else {
            for ox in valid { row[ox] += weight * source[ox * s] }
          }
        }
      }
    }
  }

  /// For one plane: `dW[ky, kx] += Σ dy[oy, ox]·x[iy, ix]` and `dx[iy, ix] += w[ky, kx]·dy[oy, ox]`.
  static func accumulateBackward(
    _ dy: UnsafePointer<Float>, input x: UnsafePointer<Float>, kernel w: UnsafePointer<Float>,
    geometry g: Im2col.Geometry, kernelGradient dW: UnsafeMutablePointer<Float>,
    inputGradient dx: UnsafeMutablePointer<Float>
  ) {
    let (k, s, wOut) = (g.kernel, g.stride, g.outputWidth)
    for ky in 0..<k {
      for kx in 0..<k {
        let weight = w[ky * k + kx]
        let offset = kx - g.padLeft
        let valid = g.columnRanges[kx]
        if valid.isEmpty { continue }
        var (lanes, sum) = (SIMD8<Float>(), Float(0))
        for oy in g.rowRanges[ky] {
          let iy = oy * s + ky - g.padTop
          let row = dy + oy * wOut
          let source = x + iy * g.width + offset
          let target = dx + iy * g.width + offset
          if s == 1 {
            let (low, count) = (valid.lowerBound, valid.count)
            VectorKernels.addDot(row + low, source + low, count: count, lanes: &lanes, tail: &sum)
            VectorKernels.axpy(weight, row + low, target + low, count: count)
          } else {
            for ox in valid {
              sum += row[ox] * source[ox * s]
              target[ox * s] += weight * row[ox]
            }
          }
        }
        dW[ky * k + kx] += lanes.sum() + sum
      }
    }
  }
}
