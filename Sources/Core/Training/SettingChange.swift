/// A training setting that changed while the training ran: `set lr=`, `set momentum=`,
/// `set batch=`, or a step of an `lr` schedule.
public struct SettingChange: Hashable, Sendable, CustomStringConvertible {
  public enum Setting: String, Hashable, Sendable {
    case learningRate = "lr"
    case momentum
    case batchSize = "batch"
  }

  public var setting: Setting
  public var from: Double
  public var to: Double
  /// The first step (1-based, over the whole training) that uses the new value.
  public var step: Int
  /// True for a `set` command, false for a schedule.
  public var byUser: Bool

  public init(setting: Setting, from: Double, to: Double, step: Int, byUser: Bool = true) {
    self.setting = setting
    self.from = from
    self.to = to
    self.step = step
    self.byUser = byUser
  }

  /// `lr 0.001 → 0.0001 at step 412`, with ` (schedule)` when a schedule made it.
  public var description: String {
    func text(_ value: Double) -> String {
      setting == .batchSize ? String(Int(value)) : formatNumber(Float(value))
    }
    return "\(setting.rawValue) \(text(from)) → \(text(to)) at step \(step)"
      + (byUser ? "" : " (schedule)")
  }
}
