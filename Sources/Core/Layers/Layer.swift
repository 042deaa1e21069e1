/// Whether a forward pass is for training (dropout active, batchnorm uses batch statistics and
/// updates its running averages) or for inference.
public enum ForwardMode: Sendable, Equatable {
  case training
  case inference
}

/// What a forward or backward pass may use: the mode and how many threads to spread over.
///
/// `threads` is the one knob for CPU use; layers split the batch into at most that many chunks
/// with `DispatchQueue.concurrentPerform`, and OpenBLAS runs single-threaded inside each chunk so
/// the two never oversubscribe the cores (see ``BLAS``).
///
/// `profiler`, when set, receives the time of every layer (or fused group of layers) that a
/// ``Sequential`` pass runs with this context; nil (the default) means no clock is read at all.
///
/// `keepsForBackward` false (evaluation, predictions: no backward follows) lets each layer drop
/// its input and output as soon as it has run instead of holding them for a backward pass, so
/// an inference batch of 256 holds a few rows' activations at a time, not every row's. A
/// backward after such a pass traps ("backward before forward").
public struct ComputeContext: Sendable {
  public var mode: ForwardMode
  public var threads: Int
  public var profiler: LayerProfiler?
  public var keepsForBackward: Bool

  public init(
    mode: ForwardMode, threads: Int = 1, profiler: LayerProfiler? = nil,
    keepsForBackward: Bool = true
  ) {
    self.mode = mode
    self.threads = max(1, threads)
    self.profiler = profiler
    self.keepsForBackward = keepsForBackward
  }
}

/// A learnable (or stored) array of a layer with its gradient.
///
/// `dimensions` use PyTorch's order so weights export without transposes: a conv kernel is
/// `[Cout, Cin, kh, kw]`, a dense kernel `[out, in]`, a bias `[Cout]`. Non-trainable entries
/// (batchnorm's running mean and variance) are counted and saved but never updated by an
/// optimizer.
public final class Parameter {
  public let name: String
  public let dimensions: [Int]
  public let isTrainable: Bool
  public var value: [Float]
  /// dLoss/dValue for the last backward pass (overwritten, not accumulated, by `backward`).
  public var gradient: [Float]

  public init(name: String, dimensions: [Int], isTrainable: Bool = true, value: [Float]) {
    precondition(value.count == dimensions.reduce(1, *), "\(name): value does not match \(dimensions)")
    self.name = name
    self.dimensions = dimensions
    self.isTrainable = isTrainable
    self.value = value
    self.gradient = [Float](repeating: 0, count: value.count)
  }

  public var count: Int { value.count }
}

/// The region of the input one output unit can see, tracked layer by layer.
///
/// With `jump` the distance on the input between two neighbouring units of the current layer,
/// a layer with effective kernel `k_eff = d·(k − 1) + 1` and stride `s` gives
/// `size' = size + (k_eff − 1)·jump` and `jump' = jump·s`. Upsampling layers divide `jump`.
public struct ReceptiveField: Hashable, Sendable {
  public var size: Double
  public var jump: Double

  /// The input itself: each unit sees one pixel.
  public static let input = ReceptiveField(size: 1, jump: 1)

  public init(size: Double, jump: Double) {
    self.size = size
    self.jump = jump
  }

  /// After a window of `kernel` (already dilated) moved by `stride`.
  public func through(kernel: Int, stride: Int) -> ReceptiveField {
    ReceptiveField(size: size + Double(kernel - 1) * jump, jump: jump * Double(stride))
  }

  /// Side of the square region in whole pixels, as the summary prints `RxR`; at most 2^62
  /// (stacked strides can grow `size` past any `Int`, even to infinity).
  public var pixels: Int {
    let side = size.rounded(.up)
    return side < 0x1p62 ? Int(side) : 1 << 62
  }
}

/// One layer of a sequential network.
///
/// A layer is created from its configuration alone (`Conv2D(filters: 32, kernel: 3)`); its
/// shape inference works for any input, and `build(input:random:)` allocates its parameters for
/// one input shape (as Keras builds on first input). The model table, the refusal of impossible
/// layers and training all call the same `outputShape(for:)`.
///
/// Every requirement is something the summary, training, inspection or export asks of every
/// layer, so none has a default: a new layer answers each one, and the compiler lists what is
/// missing. What a layer is (its ``spec``) is what the exporters switch on; what it can do for
/// inspection is said by ``window``, ``drawnKernel`` and ``arithmetic(input:output:)``.
///
/// Layout: tensors are NCHW (see ``Tensor``); shapes are shown `HxWxC`.
public protocol Layer: AnyObject {
  /// The layer as the session language writes it, normalised (`conv 32 3 relu`).
  var spec: LayerSpec { get }

  /// The output shape for one sample of `input`, or a ``ShapeError`` with the arithmetic.
  func outputShape(for input: Shape) throws(ShapeError) -> Shape

  /// Parameters for `input`, counted as Keras counts them (batchnorm: 4 per channel).
  func parameterCount(for input: Shape) -> Int

  /// Trainable parameters for `input` (batchnorm: 2 per channel).
  func trainableParameterCount(for input: Shape) -> Int

  /// Multiply-accumulates for one sample of `input` (0 for layers with no products).
  func macs(for input: Shape) -> Int

  /// How output positions see input positions: receptive fields and `show rf` follow from it.
  var window: SpatialWindow { get }

  /// The weight `show filters` draws as `k x k` pictures, or nil for a layer without spatial
  /// kernels (dense's weights are not pictures of a window).
  var drawnKernel: DrawnKernel? { get }

  /// This layer's parameter count and MACs for one input written out with its own numbers.
  func arithmetic(input: Shape, output: Shape) -> LayerArithmetic

  /// True when a training-mode forward pass draws random numbers (dropout's mask), so a
  /// gradient check must run it in inference mode to compare two passes.
  var isRandomWhenTraining: Bool { get }

  /// Allocates and initialises parameters for `input` (a fresh draw from `random`).
  func build(input: Shape, random: inout SeededRandom) throws(ShapeError)

  /// The parameters after `build`, in a fixed order (kernel before bias); `[]` for a layer
  /// without weights.
  var parameters: [Parameter] { get }

  /// Forward pass over a batch. Layers keep what their backward pass needs.
  func forward(_ input: Tensor, context: ComputeContext) -> Tensor

  /// Backward pass for the last forward batch: takes dLoss/dOutput, writes every parameter's
  /// `gradient` (overwriting it) and returns dLoss/dInput.
  ///
  /// With `throughActivation` false, `outputGradient` is already the gradient with respect to
  /// the pre-activation (fused softmax + cross-entropy skips the softmax this way).
  func backward(_ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor
}

extension Layer {
  public func trainableParameterCount(for input: Shape) -> Int { parameterCount(for: input) }

  /// How this layer grows the receptive field it receives (``SpatialWindow``); `input`, the
  /// per-sample input shape, matters only to windows that cover the whole map (`gap`).
  public func receptiveField(after previous: ReceptiveField, input: Shape? = nil) -> ReceptiveField {
    window.receptiveField(after: previous, input: input)
  }

  public func backward(_ outputGradient: Tensor, context: ComputeContext) -> Tensor {
    backward(outputGradient, context: context, throughActivation: true)
  }
}

/// A layer with no weights and no products (pools, reshapes, activations, dropout) says so by
/// adopting this: no parameters, 0 MACs, nothing to draw, and `build` only checks the shape.
/// It still states its ``Layer/window``, ``Layer/arithmetic(input:output:)`` and randomness.
public protocol WeightlessLayer: Layer {}

extension WeightlessLayer {
  public func parameterCount(for input: Shape) -> Int { 0 }
  public func macs(for input: Shape) -> Int { 0 }
  public var parameters: [Parameter] { [] }
  public var drawnKernel: DrawnKernel? { nil }
  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    _ = try outputShape(for: input)
  }
}
