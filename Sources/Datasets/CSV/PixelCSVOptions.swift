import Core

/// How `data csv FILE` reads a Kaggle-style pixel CSV.
public struct PixelCSVOptions: Hashable, Sendable {
  /// Where the label column is.
  public enum LabelColumn: String, CaseIterable, Hashable, Sendable {
    case first
    case last
  }

  public var label: LabelColumn
  /// The image shape; nil: 28x28x1 for 784 pixel columns, `k×k×1` for `k²`, else refused.
  public var shape: Shape?
  /// Share of each class put in the test split (0 for none).
  public var testFraction: Double
  /// Seeds the split and the shuffling of each split.
  public var seed: UInt64

  public init(
    label: LabelColumn = .first, shape: Shape? = nil, testFraction: Double = 0.2, seed: UInt64 = 1
  ) {
    self.label = label
    self.shape = shape
    self.testFraction = testFraction
    self.seed = seed
  }
}
