import Dispatch

/// Wall-clock time of every layer of a training, per pass, for `cnnrepl bench --profile`.
///
/// Give one to a ``Trainer`` (``Trainer/profiler``) before a training: its loop then puts it in
/// the ``ComputeContext`` of its forward and backward passes, where ``Sequential`` times each
/// unit it runs, and times the parts of each step (``StepPhase``) itself. Without a profiler
/// nothing reads a clock, so a normal training pays nothing. Timing never changes what is
/// computed: a step gives the same bits with and without it.
///
/// A unit is what the engine runs as one call: one row, or a fused group of consecutive rows
/// (a conv and the `maxpool 2` it fuses), timed as a whole and named by its members
/// (`conv+relu+maxpool`). A conv fuses per batch, so its row may show up both ways.
///
/// Clock: `DispatchTime` (monotonic), nanoseconds. ``profile(of:)`` turns the sums into a
/// ``TrainingProfile`` with names and FLOPs taken from the model.
///
/// Confinement: recording happens on the training thread; read the profile after the training
/// ends (``Trainer/run(model:data:options:onEvent:)`` returning, or ``Trainer/join()``).
public final class LayerProfiler: @unchecked Sendable {
  /// Which pass through a unit a time belongs to.
  enum Pass {
    case forward
    case backward
  }

  /// A unit: `count` consecutive layers from layer index `first` (0-based, row `first + 1`).
  struct UnitKey: Hashable {
    var first: Int
    var count: Int
  }

  /// Sums for one pass through one unit.
  struct Tally {
    var calls = 0
    var nanoseconds: UInt64 = 0
    var images = 0
  }

  private var forward: [UnitKey: Tally] = [:]
  private var backward: [UnitKey: Tally] = [:]
  private var phaseNanoseconds = [UInt64](repeating: 0, count: StepPhase.allCases.count)
  private var stepNanoseconds: UInt64 = 0
  private var steps = 0
  private var stepImages = 0

  public init() {}

  /// The monotonic clock, in nanoseconds.
  @inline(__always)
  func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// Adds the time since `start` (from ``now()``) to `pass` of the unit of `count` layers from
  /// layer index `first`, which ran on a batch of `images`.
  func record(_ pass: Pass, layers first: Int, count: Int = 1, images: Int, since start: UInt64) {
    let elapsed = Self.elapsed(since: start, until: now())
    let key = UnitKey(first: first, count: count)
    switch pass {
    case .forward: add(elapsed, images: images, to: &forward[key, default: Tally()])
    case .backward: add(elapsed, images: images, to: &backward[key, default: Tally()])
    }
  }

  /// Adds the time since `start` to `phase` of the current step.
  func record(_ phase: StepPhase, since start: UInt64) {
    phaseNanoseconds[phase.rawValue] += Self.elapsed(since: start, until: now())
  }

  /// Ends a step of `images` that began at `start` (before its batch was gathered).
  func recordStep(images: Int, since start: UInt64) {
    stepNanoseconds += Self.elapsed(since: start, until: now())
    steps += 1
    stepImages += images
  }

  /// Everything recorded so far, named and costed from `model` (the model that was trained:
  /// rows are looked up by index, so it must not have been edited since).
  ///
  /// FLOPs (floating-point operations, one multiply-accumulate = 2) are the nominal ones of the
  /// layer's own arithmetic, whatever algorithm ran (Winograd does fewer multiplications):
  ///
  ///     forward  = 2 · MACs per image (the summary's MACs column) · images
  ///     backward = 2 · forward for a unit with trainable weights (dL/dx and dL/dW each cost
  ///                one forward), 1 · forward for a conv that reads the data (dL/dW only)
  ///                and for weightless units (0 MACs: pools, activations, reshapes → 0 FLOPs)
  public func profile(of model: Sequential) -> TrainingProfile {
    let keys = Set(forward.keys).union(backward.keys).sorted {
      ($0.first, $0.count) < ($1.first, $1.count)
    }
    let units = keys.map { key in
      let cost = Self.cost(of: key, in: model)
      return ProfiledUnit(
        name: Self.name(of: key, in: model), rows: Array(key.first + 1...key.first + key.count),
        forwardFLOPsPerImage: cost.forward,
        forward: Self.timing(forward[key], flopsPerImage: cost.forward),
        backward: Self.timing(backward[key], flopsPerImage: cost.backward))
    }
    var phases: [StepPhase: Double] = [:]
    for phase in StepPhase.allCases {
      phases[phase] = Double(phaseNanoseconds[phase.rawValue]) * 1e-9
    }
    return TrainingProfile(
      units: units, steps: steps, images: stepImages,
      stepSeconds: Double(stepNanoseconds) * 1e-9, phaseSeconds: phases)
  }

  // MARK: - Internals

  private func add(_ nanoseconds: UInt64, images: Int, to tally: inout Tally) {
    tally.calls += 1
    tally.nanoseconds += nanoseconds
    tally.images += images
  }

  /// `end − start`, or 0 should the clock ever read backwards.
  private static func elapsed(since start: UInt64, until end: UInt64) -> UInt64 {
    end >= start ? end - start : 0
  }

  private static func timing(_ tally: Tally?, flopsPerImage: Int) -> PassTiming {
    guard let tally else { return PassTiming() }
    return PassTiming(
      calls: tally.calls, seconds: Double(tally.nanoseconds) * 1e-9, images: tally.images,
      flops: Double(flopsPerImage) * Double(tally.images))
  }

  /// The unit's members joined by `+`, each as ``kind(of:)``: `conv+relu+maxpool`.
  private static func name(of key: UnitKey, in model: Sequential) -> String {
    model.layers[key.first..<key.first + key.count].map { kind(of: $0) }
      .joined(separator: "+")
  }

  /// A layer's kind: its command word, then the activation it applies inside, if any
  /// (`conv+relu`, `dense+softmax`, `maxpool`, `relu` for an activation row).
  static func kind(of layer: any Layer) -> String {
    let spec = layer.spec
    if case .activation = spec { return spec.command }
    guard let activation = spec.fusedActivation else { return spec.command }
    return spec.command + "+" + activation.name
  }

  /// Forward and backward FLOPs per image of a unit (see ``profile(of:)``).
  private static func cost(of key: UnitKey, in model: Sequential) -> (forward: Int, backward: Int) {
    var forward = 0
    var backward = 0
    for index in key.first..<key.first + key.count {
      let layer = model.layers[index]
      let flops = 2 * layer.macs(for: model.mainInputShape(ofRow: index + 1))
      let trainable = layer.parameters.contains { $0.isTrainable }
      let readsData = model.fusion.dataConv(at: index) != nil
      forward += flops
      backward += trainable && !readsData ? 2 * flops : flops
    }
    return (forward, backward)
  }
}
