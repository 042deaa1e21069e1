/// What one pass (forward or backward) through a profiled unit, or a kind of units, cost over
/// a training: calls, wall-clock seconds, images and nominal FLOPs, all summed.
public struct PassTiming: Hashable, Sendable {
  /// Times the pass ran (one per batch per row or fused group).
  public var calls: Int
  /// Wall-clock seconds, summed over the calls.
  public var seconds: Double
  /// Images passed through, summed over the calls.
  public var images: Int
  /// Nominal floating-point operations, summed over the calls (see
  /// ``LayerProfiler/profile(of:)`` for the convention).
  public var flops: Double

  public init(calls: Int = 0, seconds: Double = 0, images: Int = 0, flops: Double = 0) {
    self.calls = calls
    self.seconds = seconds
    self.images = images
    self.flops = flops
  }

  /// Achieved rate, `flops / seconds / 10⁹` in GFLOP/s; nil without FLOPs or time.
  public var gflopsPerSecond: Double? {
    guard flops > 0, seconds > 0 else { return nil }
    return flops / seconds / 1e9
  }

  /// Both sums together (one kind from several units).
  public static func + (a: PassTiming, b: PassTiming) -> PassTiming {
    PassTiming(
      calls: a.calls + b.calls, seconds: a.seconds + b.seconds, images: a.images + b.images,
      flops: a.flops + b.flops)
  }
}
