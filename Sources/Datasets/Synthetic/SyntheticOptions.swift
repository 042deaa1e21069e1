/// Sizes, counts, noise and seed of a synthetic set (`data bars`, `data shapes`).
public struct SyntheticOptions: Hashable, Sendable {
  /// Images in the training split.
  public var trainCount: Int
  /// Images in the test split.
  public var testCount: Int
  /// Side of the square images in pixels (one channel).
  public var size: Int
  /// Standard deviation of the Gaussian pixel noise, as a fraction of full scale (255).
  public var noise: Float
  /// Seed of the generator: the same options give the same bytes.
  public var seed: UInt64

  public init(
    trainCount: Int = 4_000, testCount: Int = 800, size: Int = 28, noise: Float = 0.08,
    seed: UInt64 = 1
  ) {
    self.trainCount = trainCount
    self.testCount = testCount
    self.size = size
    self.noise = noise
    self.seed = seed
  }

  /// Accepted ranges: counts 1…1,000,000, size 8…256, noise 0…1.
  public func validate() throws {
    for (option, value) in [("train", trainCount), ("test", testCount)]
    where !(1...1_000_000).contains(value) {
      throw DatasetOptionError.outOfRange(option: option, value: "\(value)", allowed: "1…1,000,000")
    }
    guard (8...256).contains(size) else {
      throw DatasetOptionError.outOfRange(option: "size", value: "\(size)", allowed: "8…256")
    }
    guard noise >= 0, noise <= 1 else {
      throw DatasetOptionError.outOfRange(option: "noise", value: "\(noise)", allowed: "0…1")
    }
  }
}
