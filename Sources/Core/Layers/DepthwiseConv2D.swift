/// Depthwise 2-D convolution: every input channel has its own `M` kernels (Keras
/// `DepthwiseConv2D(depth_multiplier=M)`, PyTorch `Conv2d(groups=Cin)`), with a bias per output
/// channel and optional fused activation.
///
///     y[n, c·M + m, oy, ox] = b[c·M + m] + Σ(ky,kx) w[c·M + m, ky, kx] · x[n, c, oy·s − pt + ky, ox·s − pl + kx]
///     out = ⌊(in + pad_before + pad_after − k)/s⌋ + 1   (padding as ``Conv2D``)
///
/// Output channels: `Cin·M`, channel `c` gives `c·M ..< (c + 1)·M`. Parameters:
/// `k·k·Cin·M + Cin·M` ("weight" `[Cin·M, 1, k, k]`, "bias" `[Cin·M]`). MACs per image:
/// `Hout·Wout·Cin·M·k·k`. A direct loop over each plane, 8 output columns at a time on a
/// zero-bordered copy of the input plane (``DepthwisePlanes``; no GEMM: there is nothing to
/// share between channels), run over batch chunks in parallel; weight gradients are summed per
/// chunk and then in chunk order.
public final class DepthwiseConv2D: Layer, KernelInitialized {
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

  private var state = ConvLayerState()

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
      activation: activation, initializer: initializer)
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

  /// Keras' fans for its `(k, k, Cin, M)` depthwise kernel: `fanIn = k·k·Cin`, `fanOut = k·k·M`
  /// (PyTorch's `groups = Cin` weight would give `k·k` and `k·k·Cin·M`).
  public func kernelFans(for input: Shape) -> [KernelFans] {
    let area = kernel * kernel
    return [
      KernelFans(
        parameter: parameterPrefix + "weight", fanIn: area * input.channels,
        fanOut: area * multiplier)
    ]
  }

  /// Kernel drawn with ``kernelFans(for:)``; zero bias.
  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    let g = try geometry(for: input)
    let (outputs, fans) = (input.channels * multiplier, kernelFans(for: input)[0])
    state.build(
      input: input, output: Shape(height: g.outputHeight, width: g.outputWidth, channels: outputs),
      geometry: g, kernelDimensions: [outputs, 1, kernel, kernel], fanIn: fans.fanIn,
      fanOut: fans.fanOut, initializer: initializer, biasCount: useBias ? outputs : nil,
      namePrefix: parameterPrefix, random: &random)
  }

  public var parameters: [Parameter] { state.parameters }

  /// The input shape this layer was built for; nil before ``build(input:random:)``.
  var builtInputShape: Shape? { state.weight == nil ? nil : state.inputShape }

  // MARK: - Passes

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    let weight = state.weight(forInput: input, layer: "DepthwiseConv2D")
    let outShape = state.outputShape
    guard input.batch > 0 else { return Tensor(batch: 0, shape: outShape) }
    let g = state.geometry
    let (multiplier, area, plane) = (multiplier, kernel * kernel, g.columns)
    let (inCount, outCount, inPlane) = (state.inputShape.count, outShape.count, g.height * g.width)
    let plan = ConvPlan(
      batch: input.batch, context: context, rows: 1, columns: 1, outputs: 1, keepColumns: false)
    let activation = activation

    let planes = DepthwisePlanes(geometry: g)
    let output = state.output(for: input, weight: weight) { b in
      let (x, w, bias, y) = (b.x, b.w, b.bias, b.y)
      plan.forEachChunk { _, range in
        if planes.fitsInCopy {
          withUnsafeTemporaryAllocation(of: Float.self, capacity: planes.paddedCount) { buffer in
            let padded = buffer.baseAddress!
            padded.initialize(repeating: 0, count: planes.paddedCount)
            for n in range {
              for c in 0..<state.inputShape.channels {
                planes.pad(x + n * inCount + c * inPlane, into: padded)
                for o in (c * multiplier)..<((c + 1) * multiplier) {
                  planes.forward(
                    padded, kernel: w + o * area, start: bias?[o] ?? 0,
                    into: y + n * outCount + o * plane)
                }
              }
            }
          }
        } else {
          for n in range {
            for o in 0..<outShape.channels {
              let out = y + n * outCount + o * plane
              out.update(repeating: bias?[o] ?? 0, count: plane)
              DepthwiseWindowLoops.accumulateForward(
                x + n * inCount + (o / multiplier) * inPlane, kernel: w + o * area,
                geometry: g, into: out)
            }
          }
        }
        activation?.apply(
          UnsafeMutableBufferPointer(
            start: y + range.lowerBound * outCount, count: range.count * outCount),
          shape: outShape, batch: range.count)
      }
    }
    if context.keepsForBackward { state.remember(input, output: output) } else { state.forgetLastBatch() }
    return output
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    let last = state.lastBatch(for: outputGradient, layer: "DepthwiseConv2D")
    let (inShape, outShape) = (state.inputShape, state.outputShape)
    let g = state.geometry
    let (multiplier, area, plane) = (multiplier, kernel * kernel, g.columns)
    let (inCount, outCount, inPlane) = (inShape.count, outShape.count, g.height * g.width)
    let outputs = outShape.channels
    let plan = ConvPlan(
      batch: last.input.batch, context: context, rows: 1, columns: 1, outputs: 1,
      keepColumns: false)
    let activation = throughActivation ? activation : nil
    let partialSize = outputs * area + outputs
    let planes = DepthwisePlanes(geometry: g)
    let gathers = planes.fitsInCopy && planes.gathersInputGradient
    let scratch =
      planes.fitsInCopy
      ? 2 * planes.paddedCount + max(planes.stagedCount, gathers ? planes.borderedCount : 0) : 1
    return state.inputGradient(
      of: outputGradient, last: last, plan: plan, partialSize: partialSize,
      copyPerChunk: activation == nil ? 0 : outCount
    ) { b in
      let (dy, y, x, w, dx) = (b.dy, b.y, b.x, b.w, b.dx)
      plan.forEachChunk { chunk, range in
        let dW = b.partials + chunk * partialSize
        let dB = dW + outputs * area
        dW.update(repeating: 0, count: partialSize)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: scratch) { buffer in
          let padded = buffer.baseAddress!
          let paddedGradient = padded + planes.paddedCount
          let staged = paddedGradient + planes.paddedCount
          if planes.fitsInCopy { padded.initialize(repeating: 0, count: planes.paddedCount) }
          if gathers { staged.initialize(repeating: 0, count: planes.borderedCount) }
          for n in range {
            // dLoss/d(pre-activation) for image n, NCHW.
            let delta = VectorKernels.preActivationGradient(
              dy + n * outCount, outputs: y + n * outCount, activation: activation,
              shape: outShape, images: 1, scratch: b.gradientCopy + chunk * outCount)
            VectorKernels.addRowSums(
              delta, rows: outputs, length: plane, stride: plane, into: dB)
            guard planes.fitsInCopy else {
              let dxImage = dx + n * inCount
              dxImage.update(repeating: 0, count: inCount)
              for o in 0..<outputs {
                let c = o / multiplier
                DepthwiseWindowLoops.accumulateBackward(
                  delta + o * plane, input: x + n * inCount + c * inPlane,
                  kernel: w + o * area, geometry: g, kernelGradient: dW + o * area,
                  inputGradient: dxImage + c * inPlane)
              }
              continue
            }
            if gathers {
              // 3x3 at stride 1: dLoss/dInput gathered straight into dx, no padded gradient.
              for c in 0..<inShape.channels {
                planes.pad(x + n * inCount + c * inPlane, into: padded)
                let dxPlane = dx + n * inCount + c * inPlane
                dxPlane.initialize(repeating: 0, count: inPlane)
                for o in (c * multiplier)..<((c + 1) * multiplier) {
                  planes.stageBordered(delta + o * plane, into: staged)
                  planes.backward3x3(
                    staged, padded: padded, kernel: w + o * area, kernelGradient: dW + o * area,
                    inputGradient: dxPlane)
                }
              }
              continue
            }
            for c in 0..<inShape.channels {
              planes.pad(x + n * inCount + c * inPlane, into: padded)
              paddedGradient.initialize(repeating: 0, count: planes.paddedCount)
              for o in (c * multiplier)..<((c + 1) * multiplier) {
                planes.stage(delta + o * plane, into: staged)
                planes.backward(
                  staged, padded: padded, kernel: w + o * area, kernelGradient: dW + o * area,
                  paddedGradient: paddedGradient)
              }
              planes.unpad(paddedGradient, into: dx + n * inCount + c * inPlane)
            }
          }
        }
      }
    }
  }
}

extension DepthwiseConv2D {
  /// A `k` window moved by `s`.
  public var window: SpatialWindow { .sliding(kernel: kernel, stride: stride, padding: padding) }

  /// `weight` `[Cin·M, 1, k, k]`: one input channel per output.
  public var drawnKernel: DrawnKernel? { DrawnKernel(parameter: "weight", outputsFirst: true) }

  /// `(C·M) × (k·k) + C·M` parameters, `H'·W'·(C·M)·(k·k)` MACs.
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    let (k, c, m) = (kernel, input.channels, multiplier)
    let positions = output.isFlat ? 1 : output.height * output.width
    let parameters = c * m * k * k + (useBias ? c * m : 0)
    let macs = positions * c * m * k * k
    return LayerArithmetic(
      parameters: parameters,
      parametersLine: "params: (\(c)·\(m)) × (\(k)·\(k))" + (useBias ? " + \(c * m)" : "")
        + " = \(grouped(parameters))",
      macs: macs,
      macsLine: "MACs: \(output.height)·\(output.width)·(\(c)·\(m)) · (\(k)·\(k)) = "
        + grouped(macs))
  }

  public var isRandomWhenTraining: Bool { false }
}
