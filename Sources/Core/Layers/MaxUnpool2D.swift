/// Max-unpooling (`maxunpool N`), as PyTorch's `MaxUnpool2d`: undoes the maxpool at summary
/// row `N` with the indices that maxpool kept on the same forward pass.
///
///     out = zeros of the pool's input shape;   out[n, c, argmax[n, c, o]] = in[n, c, o]
///     dIn[n, c, o] = dOut[n, c, argmax[n, c, o]]           (a gather, as PyTorch)
///
/// When the pool's windows overlap and two outputs share an index, the later one (row-major)
/// is written, and backward still gathers for both, exactly as PyTorch does.
///
/// Shapes: the pool's output `[N, C, h, w]` → the pool's input `[N, C, H, W]`; any other input
/// is refused. No parameters, 0 MACs. Receptive field: size unchanged, `jump / S` of the pool.
public final class MaxUnpool2D: WeightlessLayer {
  public let poolRow: Int
  /// The maxpool whose indices this layer uses; set by ``Sequential`` from `poolRow`.
  public weak var pool: MaxPool2D?
  /// The maxpool's input shape (this layer's output) and output shape (this layer's input);
  /// set by ``Sequential`` before `outputShape(for:)` is asked.
  public var poolInputShape: Shape?
  public var poolOutputShape: Shape?
  /// This layer's own row, and the spec at row `poolRow` when that row is above it (whatever
  /// layer it is); set by ``Sequential`` so refusals can name the layer found there.
  public var row: Int?
  public var targetSpec: LayerSpec?

  /// The indices and geometry used by the last forward pass (backward gathers with them even
  /// if the pool runs again in between).
  private var lastIndices: [Int32] = []
  private var lastWindow: Pooling?
  private var lastBatch = 0
  private var lastOutputShape: Shape?

  public init(poolRow: Int) {
    self.poolRow = poolRow
  }

  public var spec: LayerSpec { .maxUnpool(poolRow: poolRow) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    let layer = spec.description
    let hint = "give the row number of a maxpool above this layer"
    guard poolRow >= 1 else {
      let problem =
        poolRow == 0 ? "row 0 is the input, not a maxpool" : "there is no row \(poolRow)"
      throw .invalidArgument(layer: layer, problem: problem, hint: hint)
    }
    if let row, poolRow >= row {
      throw .invalidArgument(
        layer: layer, problem: "row \(poolRow) is not above this layer (row \(row))", hint: hint)
    }
    if let targetSpec {
      guard case .maxPool = targetSpec else {
        throw .invalidArgument(
          layer: layer, problem: "row \(poolRow) is `\(targetSpec)`, not a maxpool", hint: hint)
      }
    }
    guard let poolInput = poolInputShape, let poolOutput = poolOutputShape else {
      throw .invalidArgument(
        layer: layer, problem: "row \(poolRow) is not a maxpool above this layer", hint: hint)
    }
    guard input == poolOutput else {
      throw .invalidArgument(
        layer: layer,
        problem: "input \(input) is not the \(poolOutput) that the maxpool at row \(poolRow) gives",
        hint: "the layers between them must keep its output shape")
    }
    return poolInput
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    guard let pool, let poolInput = pool.lastInputShape else {
      preconditionFailure("maxunpool \(poolRow): its maxpool has not run forward")
    }
    let window = pool.poolingWindow(on: poolInput)
    let planes = input.batch * input.shape.channels
    precondition(
      pool.lastBatch == input.batch && poolInput.channels == input.shape.channels
        && window.outPlane * planes == input.count,
      "maxunpool \(poolRow): input does not match its maxpool's last output")
    lastIndices = pool.argmax
    lastWindow = window
    lastBatch = input.batch
    lastOutputShape = poolInput
    return lastIndices.withUnsafeBufferPointer { arg in
      context.planewise(
        input.storage, into: poolInput, batch: input.batch, planeSize: window.inPlane
      ) { src, dst, planes in
        window.unpoolForward(pooled: src, argmax: arg, unpooled: dst, planes: planes)
      }
    }
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let window = lastWindow, let outShape = lastOutputShape else {
      preconditionFailure("maxunpool: backward before forward")
    }
    precondition(outputGradient.count == lastBatch * outShape.count, "maxunpool: gradient shape")
    let inShape = Shape(
      height: window.outHeight, width: window.outWidth, channels: outShape.channels)
    return lastIndices.withUnsafeBufferPointer { arg in
      context.planewise(
        outputGradient.storage, into: inShape, batch: lastBatch, planeSize: window.inPlane
      ) { dOut, dIn, planes in
        window.unpoolBackward(
          unpooledGradient: dOut, argmax: arg, pooledGradient: dIn, planes: planes)
      }
    }
  }
}

extension MaxUnpool2D {
  /// The window of the maxpool it undoes (each value goes back where that pool found it), or
  /// no window while it is not connected to one.
  public var window: SpatialWindow {
    guard case let .maxPool(kernel, stride, padding) = targetSpec else { return .pointwise }
    return .unpooling(kernel: kernel, stride: stride ?? kernel, padding: padding)
  }

  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic { .none }

  public var isRandomWhenTraining: Bool { false }
}

extension MaxUnpool2D: LinkedToEarlierRow {
  /// Takes the maxpool's shapes (and object, when built) from row `poolRow`.
  public func link(row: Int, specs: [RowSpec], shapes: [Shape], layers: [any Layer]) {
    let target = poolRow
    self.row = row
    let above = (1..<row).contains(target) && target <= specs.count
    targetSpec = above ? specs[target - 1].layer : nil
    guard target >= 1, target < row, case .maxPool = specs[target - 1].layer,
      shapes.count > target
    else {
      pool = nil
      poolInputShape = nil
      poolOutputShape = nil
      return
    }
    // The pool's input is the row it reads (`maxpool 2 from=N` reads row N).
    poolInputShape = shapes[specs[target - 1].inputRows(at: target)[0]]
    poolOutputShape = shapes[target]
    pool = layers.count >= target ? layers[target - 1] as? MaxPool2D : nil
  }
}
