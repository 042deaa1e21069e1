import Core

/// Finite-difference gradient checks for layers (tiny-dnn style: analytic vs numeric), through
/// Core's ``GradientChecker`` with its kink guards off.
///
/// The loss is `L = Σ w ⊙ f(x)` for a fixed random `w`, so dL/dOutput = w. Differences are taken
/// in Double around Float32 values with a central step `h`; the check reports the worst relative
/// error `|a − n| / max(|a| + |n|, floor)` over all input and parameter entries.
public enum GradientCheck {
  public struct Report: CustomStringConvertible {
    public var worstInputError: Double
    public var worstParameterError: [String: Double]
    public var description: String {
      "input \(worstInputError), params \(worstParameterError)"
    }
    public var worst: Double { max(worstInputError, worstParameterError.values.max() ?? 0) }
  }

  /// Checks `layer` (already built for `input.shape`) on `input`.
  ///
  /// `mode` training exercises dropout masks / batch statistics (dropout must be deterministic
  /// per forward call for this to hold: use rate 0 or a layer that reuses its mask).
  public static func check(
    _ layer: any Layer, input: Tensor, mode: ForwardMode = .training, step: Float = 1e-2,
    seed: UInt64 = 7, maxEntries: Int = 400
  ) -> Report {
    let report = GradientChecker(
      step: step, maxEntries: maxEntries, seed: seed, guardsKinks: false
    ).check(layer: layer, input: input, mode: mode)
    var worstParams: [String: Double] = [:]
    for entry in report.parameters { worstParams[entry.name] = entry.worstError }
    return Report(worstInputError: report.input.worstError, worstParameterError: worstParams)
  }

  /// A random input tensor in `[-1, 1]`.
  public static func randomInput(batch: Int, shape: Shape, seed: UInt64 = 1) -> Tensor {
    var random = SeededRandom(seed: seed)
    return Tensor(
      batch: batch, shape: shape,
      storage: (0..<(batch * shape.count)).map { _ in random.uniform(-1, 1) })
  }
}
