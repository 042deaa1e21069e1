/// Where the time of a profiled training went: each unit's forward and backward, and each part
/// of the steps (``StepPhase``), from a ``LayerProfiler``.
///
/// Times are wall-clock seconds summed over all ``steps``; divide by ``steps`` for a time per
/// batch. The units' passes run inside the forward and backward phases, so
///
///     Σ units' forward  ≤ phase forward   (the rest: the pass's own bookkeeping)
///     Σ units' backward ≤ phase backward  (the rest: summing branch gradients, zero fills)
///     Σ phases          ≤ step
public struct TrainingProfile: Hashable, Sendable {
  /// One entry per unit that ran, in row order.
  public var units: [ProfiledUnit]
  /// Training steps timed.
  public var steps: Int
  /// Images over those steps.
  public var images: Int
  /// Wall-clock seconds of the steps, from gathering each batch to the end of its update.
  public var stepSeconds: Double
  /// Seconds of each part of the steps, summed.
  public var phaseSeconds: [StepPhase: Double]

  public init(
    units: [ProfiledUnit], steps: Int, images: Int, stepSeconds: Double,
    phaseSeconds: [StepPhase: Double]
  ) {
    self.units = units
    self.steps = steps
    self.images = images
    self.stepSeconds = stepSeconds
    self.phaseSeconds = phaseSeconds
  }

  /// The units merged by name, one entry per kind (`conv+relu` at rows 1 and 3 together),
  /// slowest first (forward plus backward seconds; ties by name).
  public var kinds: [ProfiledUnit] {
    var byName: [String: ProfiledUnit] = [:]
    for unit in units {
      byName[unit.name] = byName[unit.name].map { $0.merged(with: unit) } ?? unit
    }
    return byName.values.sorted { ($1.seconds, $0.name) < ($0.seconds, $1.name) }
  }

  /// Seconds of `phase`, summed over the steps (0 if it never ran).
  public func seconds(of phase: StepPhase) -> Double { phaseSeconds[phase] ?? 0 }

  /// The units' forward and backward seconds together.
  public var unitSeconds: Double { units.reduce(0) { $0 + $1.seconds } }

  /// Step time outside every phase: keeping a copy of the weights, the finite checks, the
  /// accuracy count and the progress events (`step − Σ phases`, at least 0).
  public var remainderSeconds: Double {
    max(0, stepSeconds - StepPhase.allCases.reduce(0) { $0 + seconds(of: $1) })
  }

  /// Forward and backward time outside the units (`forward + backward phases − Σ units`, at
  /// least 0): the passes' own bookkeeping.
  public var passOverheadSeconds: Double {
    max(0, seconds(of: .forward) + seconds(of: .backward) - unitSeconds)
  }

  /// Nominal FLOPs of all units, both passes, summed over the steps.
  public var flops: Double { units.reduce(0) { $0 + $1.forward.flops + $1.backward.flops } }
}
