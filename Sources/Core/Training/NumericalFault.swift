/// The loss or a weight became NaN or infinite: where, and which weights were put back.
///
/// A ``StudentFacingError`` (not thrown: a training that ends on it stops with
/// ``StopReason/numericalFault(_:)``): `description` reads `the loss became nan at step 12
/// (epoch 1); the weights are back to those after step 11; lower the learning rate (lr=1e9 now)`.
public struct NumericalFault: StudentFacingError, Hashable, Sendable {
  /// What went wrong: `the loss became nan`, `a weight became NaN or infinite`.
  public var what: String
  /// The step that went wrong.
  public var step: Int
  public var epoch: Int
  /// The step whose weights were put back (0 = the weights before training).
  public var restoredStep: Int
  /// The learning rate when it went wrong.
  public var learningRate: Float

  public init(what: String, step: Int, epoch: Int, restoredStep: Int, learningRate: Float) {
    self.what = what
    self.step = step
    self.epoch = epoch
    self.restoredStep = restoredStep
    self.learningRate = learningRate
  }

  /// `the loss became nan at step 12 (epoch 1)`.
  public var problem: String { "\(what) at step \(step) (epoch \(epoch))" }

  public var hint: String {
    "the weights are back to those after step \(restoredStep); "
      + "lower the learning rate (lr=\(formatNumber(learningRate)) now)"
  }
}
