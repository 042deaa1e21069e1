/// How `data folder DIR` turns files into a data set.
public struct ImageFolderOptions: Hashable, Sendable {
  /// Every image is resized to `height × width`; nil: the size of the first image read.
  public var height: Int?
  public var width: Int?
  /// nil: gray when every image is gray, RGB as soon as one is in colour.
  public var color: ImageColor?
  /// Share of each class put in the test split (0 for none).
  public var testFraction: Double
  /// Seeds the split and the shuffling of each split.
  public var seed: UInt64

  public init(
    height: Int? = nil, width: Int? = nil, color: ImageColor? = nil, testFraction: Double = 0.2,
    seed: UInt64 = 1
  ) {
    self.height = height
    self.width = width
    self.color = color
    self.testFraction = testFraction
    self.seed = seed
  }
}
