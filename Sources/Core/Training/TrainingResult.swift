/// How a training ended and what it recorded.
public struct TrainingResult: Hashable, Sendable {
  public var reason: StopReason
  public var history: TrainingHistory
  /// Steps completed before the training ended (a faulty step is not counted).
  public var completedSteps: Int
  /// After a numerical fault: the step whose weights were restored (0 = the weights before
  /// training).
  public var restoredStep: Int?

  public init(
    reason: StopReason, history: TrainingHistory, completedSteps: Int, restoredStep: Int? = nil
  ) {
    self.reason = reason
    self.history = history
    self.completedSteps = completedSteps
    self.restoredStep = restoredStep
  }
}
