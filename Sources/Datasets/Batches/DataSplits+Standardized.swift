import Core

extension DataSplits {
  /// The same splits normalised with the training split's mean and std (the test split is
  /// never looked at, as in Keras' `adapt` on training data).
  public func standardized() -> DataSplits {
    var copy = self
    copy.normalization = .fitted(to: train)
    return copy
  }
}
