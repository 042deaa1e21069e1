// STUB: replaced by the real implementation (issue #2). Shape inference not done yet.
/// `.maxUnpool(poolRow: poolRow)` — not implemented yet.
public final class MaxUnpool2D: Layer {
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

  public init(poolRow: Int) {
    self.poolRow = poolRow
  }

  public var spec: LayerSpec { .maxUnpool(poolRow: poolRow) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    throw .invalidArgument(layer: spec.description, problem: "not implemented yet", hint: "use another layer")
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor { input }

  public func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor {
    outputGradient
  }
}
