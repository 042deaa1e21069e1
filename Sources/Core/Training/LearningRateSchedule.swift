import Foundation

/// How the learning rate moves during a training (`train sched=…`): a factor applied to the
/// base rate `lr` at each step.
///
/// - `constant`: factor 1.
/// - `step(every: N, factor: f)`: `f^⌊(epoch − 1)/N⌋` — multiplied by `f` every `N` epochs
///   (PyTorch's `StepLR` stepped once per epoch), so `step:2:0.1` trains epochs 1–2 at `lr`,
///   3–4 at `lr/10`, …
/// - `cosine`: `½·(1 + cos(π·(s − 1)/T))` for step `s` of `T` (PyTorch's `CosineAnnealingLR`
///   with `η_min = 0` over the whole run): `lr` at the first step, falling smoothly toward 0.
///
/// `set lr=X` during a training sets the rate now and the schedule goes on from there: the base
/// becomes `X / factor`.
public enum LearningRateSchedule: Hashable, Sendable, CustomStringConvertible {
  case constant
  case step(every: Int, factor: Float)
  case cosine

  /// Parses `step:N:F` or `cosine` (or `constant`/`none`); nil for anything else.
  public init?(parsing text: String) {
    let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false)
    switch parts.first {
    case "cosine" where parts.count == 1: self = .cosine
    case "constant" where parts.count == 1, "none" where parts.count == 1: self = .constant
    case "step" where parts.count == 3:
      guard let every = Int(parts[1]), every >= 1, let factor = Float(parts[2]),
        factor > 0, factor.isFinite
      else { return nil }
      self = .step(every: every, factor: factor)
    default: return nil
    }
  }

  /// `step:2:0.1`, `cosine`, `constant`.
  public var description: String {
    switch self {
    case .constant: "constant"
    case .step(let every, let factor): "step:\(every):\(formatNumber(factor))"
    case .cosine: "cosine"
    }
  }

  /// The factor for step `step` (1-based) of `totalSteps`, in epoch `epoch` (1-based).
  public func factor(step: Int, totalSteps: Int, epoch: Int) -> Float {
    switch self {
    case .constant:
      return 1
    case .step(let every, let factor):
      return Float(pow(Double(factor), Double((epoch - 1) / every)))
    case .cosine:
      guard totalSteps > 1 else { return 1 }
      let t = Double(min(max(step - 1, 0), totalSteps)) / Double(totalSteps)
      return Float(0.5 * (1 + cos(Double.pi * t)))
    }
  }
}
