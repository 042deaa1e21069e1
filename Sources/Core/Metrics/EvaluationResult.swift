/// What ``Evaluator`` measures on one split.
public struct EvaluationResult: Hashable, Sendable {
  /// Images evaluated.
  public var count: Int
  /// Mean loss over the images.
  public var loss: Float
  /// Share of images classified right; nil for an autoencoder (no classes to compare).
  public var accuracy: Float?
  /// Accuracy of each true class (nil entries for absent classes); empty for an autoencoder.
  public var perClassAccuracy: [Float?]
  /// Rows are true classes, columns predictions; nil for an autoencoder.
  public var confusion: ConfusionMatrix?

  public init(
    count: Int, loss: Float, accuracy: Float?, perClassAccuracy: [Float?],
    confusion: ConfusionMatrix?
  ) {
    self.count = count
    self.loss = loss
    self.accuracy = accuracy
    self.perClassAccuracy = perClassAccuracy
    self.confusion = confusion
  }
}
