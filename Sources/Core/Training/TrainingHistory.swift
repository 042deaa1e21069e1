/// The deterministic record of a training: every step's progress and every epoch's summary.
///
/// Kept in full by the ``Trainer`` (a few thousand small values for a long run), so a curve can
/// be drawn after the fact even when a front end drained only some step events.
public struct TrainingHistory: Hashable, Sendable {
  public var steps: [StepProgress] = []
  public var epochs: [EpochSummary] = []
  /// The learning rate each step used (`learningRates[i]` for `steps[i]`).
  public var learningRates: [Float] = []
  /// Settings changed during the training (`set`, schedule steps), in order.
  public var changes: [SettingChange] = []

  public init(
    steps: [StepProgress] = [], epochs: [EpochSummary] = [], learningRates: [Float] = [],
    changes: [SettingChange] = []
  ) {
    self.steps = steps
    self.epochs = epochs
    self.learningRates = learningRates
    self.changes = changes
  }
}
