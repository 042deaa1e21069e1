import Core

/// One `train` of the session as it really ran, for `export training`: its options with every
/// default resolved, the `set` changes made while it ran, and how far it got.
public struct TrainingPhase: Sendable, Hashable {
  /// The options it started with (batch, lr, momentum already taken from an idle `set`).
  public var options: TrainingOptions
  /// The loss it used (the automatic choice resolved).
  public var loss: LossKind
  /// `set lr=`, `set momentum=`, `set batch=` while it ran (a step schedule's own drops are
  /// left out: the schedule gives them again).
  public var changes: [SettingChange] = []
  /// Steps it completed; nil while it runs.
  public var completedSteps: Int?
  /// It ran every epoch (not stopped, no NaN).
  public var finished = false

  public init(options: TrainingOptions, loss: LossKind) {
    self.options = options
    self.loss = loss
  }
}
