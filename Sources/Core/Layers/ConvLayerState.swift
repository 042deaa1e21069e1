/// What a convolution-family layer (``Conv2D``, ``DepthwiseConv2D``, ``TransposedConv2D``)
/// keeps between `build`, `forward` and `backward`, and the checks each pass starts with.
///
/// `build` records the per-sample shapes and window geometry and draws the kernel; a forward
/// pass records its input and output, which backward reads (dLoss/dInput needs `x` for `dW`
/// and `y` for the activation's derivative). The arithmetic stays in each layer: only the
/// bookkeeping around it is shared.
struct ConvLayerState {
  /// The kernel (PyTorch order, see ``Parameter``) and the bias, nil before `build`.
  var weight: Parameter?
  var bias: Parameter?
  /// The window geometry; for a transposed conv, that of the convolution it is the adjoint of.
  var geometry = Im2col.Geometry(channels: 0, height: 0, width: 0, kernel: 1)
  /// The per-sample shapes the layer was built for.
  var inputShape = Shape(height: 0, width: 0, channels: 0)
  var outputShape = Shape(height: 0, width: 0, channels: 0)

  /// The last forward batch, for backward.
  var lastInput: Tensor?
  var lastOutput: Tensor?

  /// Per-chunk dLoss/d(pre-activation) when an activation's derivative is applied in backward.
  let gradientCopy = ScratchBuffer()
  /// Per-chunk partial parameter gradients (kernel, then bias), summed by
  /// ``ConvPlan/writeGradients(from:stride:weight:bias:)``.
  let partials = ScratchBuffer()

  var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

  /// Records a build for `input`: shapes and geometry, a kernel of `kernelDimensions` drawn by
  /// `initializer` with these fans (see ``Initializer``), a zero bias of `biasCount` values
  /// (none for nil), names "weight" and "bias" after `namePrefix`; forgets the last batch.
  mutating func build(
    input: Shape, output: Shape, geometry: Im2col.Geometry, kernelDimensions: [Int],
    fanIn: Int, fanOut: Int, initializer: Initializer, biasCount: Int?, namePrefix: String,
    random: inout SeededRandom
  ) {
    self.geometry = geometry
    inputShape = input
    outputShape = output
    let values = initializer.values(
      count: kernelDimensions.reduce(1, *), fanIn: fanIn, fanOut: fanOut, random: &random)
    weight = Parameter(name: namePrefix + "weight", dimensions: kernelDimensions, value: values)
    bias = biasCount.map {
      Parameter(
        name: namePrefix + "bias", dimensions: [$0], value: [Float](repeating: 0, count: $0))
    }
    forgetLastBatch()
  }

  /// Keeps a forward pass's `input` and `output` for backward.
  mutating func remember(_ input: Tensor, output: Tensor) {
    lastInput = input
    lastOutput = output
  }

  /// Lets the last forward batch go.
  mutating func forgetLastBatch() {
    lastInput = nil
    lastOutput = nil
  }

  /// The kernel for a forward pass over `input`; traps (naming `layer`) before `build` or when
  /// `input` is not the shape the layer was built for.
  func weight(forInput input: Tensor, layer: String) -> Parameter {
    guard let weight else { preconditionFailure("\(layer).forward before build") }
    precondition(input.shape == inputShape, "\(layer) built for \(inputShape), got \(input.shape)")
    return weight
  }

  /// The starts of what one forward pass reads and writes (NCHW for tensors).
  struct ForwardBuffers {
    /// The input and the kernel (read only).
    let x, w: UnsafeMutablePointer<Float>
    /// The bias (one value per output channel), nil without one.
    let bias: UnsafeBufferPointer<Float>?
    /// The output, every value of which the pass must write.
    let y: UnsafeMutablePointer<Float>
  }

  /// The output for the non-empty batch `input` (`shape` per sample, ``outputShape`` unless a
  /// fused pool shrinks it), written by `body` through ``ForwardBuffers``; `weight` is from
  /// ``weight(forInput:layer:)``.
  func output(
    for input: Tensor, weight: Parameter, shape: Shape? = nil, _ body: (ForwardBuffers) -> Void
  ) -> Tensor {
    let channels = outputShape.channels
    return Tensor(batch: input.batch, shape: shape ?? outputShape) { yBuffer in
      let arrays = [input.storage, weight.value] + (bias.map { [$0.value] } ?? [])
      ScratchBuffer.withAddresses(of: arrays) { p in
        body(
          ForwardBuffers(
            x: p[0], w: p[1],
            bias: p.count > 2 ? UnsafeBufferPointer(start: p[2], count: channels) : nil,
            y: ScratchBuffer.address(yBuffer)))
      }
    }
  }

  /// The kernel and the last forward batch for a backward pass with `outputGradient`; traps
  /// (naming `layer`) before any forward pass or when the gradient is not shaped as the last
  /// output (same batch, same per-sample shape).
  func lastBatch(
    for outputGradient: Tensor, layer: String
  ) -> (weight: Parameter, input: Tensor, output: Tensor) {
    guard let weight, let lastInput, let lastOutput else {
      preconditionFailure("\(layer).backward before forward")
    }
    precondition(
      outputGradient.batch == lastOutput.batch && outputGradient.shape == lastOutput.shape,
      "\(layer).backward: the gradient's shape is not the last output's")
    return (weight, lastInput, lastOutput)
  }

  /// The starts of what one backward pass reads and writes (NCHW for tensors).
  struct BackwardBuffers {
    /// dLoss/dOutput, the last output, the last input and the kernel (read only).
    let dy, y, x, w: UnsafeMutablePointer<Float>
    /// dLoss/dInput, every value of which the pass must write; nil when the caller asked for
    /// parameter gradients only.
    let inputGradient: UnsafeMutablePointer<Float>?
    /// ``inputGradient`` for a pass that always forms it (every layer but a first conv).
    var dx: UnsafeMutablePointer<Float> {
      guard let inputGradient else { preconditionFailure("dLoss/dInput was not asked for") }
      return inputGradient
    }
    /// Chunk `i`'s partial gradients start at `partials + i·partialSize`: the kernel's, then
    /// the bias's.
    let partials: UnsafeMutablePointer<Float>
    /// Chunk `i`'s dLoss/d(pre-activation) scratch starts at `gradientCopy + i·copyPerChunk`.
    let gradientCopy: UnsafeMutablePointer<Float>
  }

  /// dLoss/dInput for `last` (from ``lastBatch(for:layer:)``); empty for an empty batch, or
  /// when `wanted` is false (a first layer, whose input is the data: only the parameter
  /// gradients are written).
  ///
  /// `body` runs the chunks of `plan` over ``BackwardBuffers``, each chunk writing
  /// `partialSize` partial gradients and using `copyPerChunk` values of gradient scratch; the
  /// partials are then summed in chunk order into the parameters' gradients (bit-identical for a
  /// given thread count, see ``ConvPlan``).
  func inputGradient(
    of outputGradient: Tensor, last: (weight: Parameter, input: Tensor, output: Tensor),
    plan: ConvPlan, partialSize: Int, copyPerChunk: Int, wanted: Bool = true,
    _ body: (BackwardBuffers) -> Void
  ) -> Tensor {
    guard plan.batch > 0 else { return Tensor(batch: 0, shape: inputShape) }
    gradientCopy.reserve(plan.chunks.count * copyPerChunk)
    partials.reserve(plan.chunks.count * partialSize)
    let (copyBase, partialBase) = (gradientCopy.base, partials.base)
    return Tensor(batch: wanted ? plan.batch : 0, shape: inputShape) { dxBuffer in
      let arrays = [
        outputGradient.storage, last.output.storage, last.input.storage, last.weight.value,
      ]
      ScratchBuffer.withAddresses(of: arrays) { p in
        body(
          BackwardBuffers(
            dy: p[0], y: p[1], x: p[2], w: p[3],
            // (An empty buffer may still point at the shared empty storage: never write there.)
            inputGradient: wanted ? ScratchBuffer.address(dxBuffer) : nil,
            partials: partialBase, gradientCopy: copyBase))
        plan.writeGradients(
          from: partialBase, stride: partialSize, weight: last.weight, bias: bias)
      }
    }
  }
}
