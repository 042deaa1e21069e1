import Core
import Datasets
import Testing

@Suite struct NormalizationFittedTests {
  @Test func meanAndStdOfATinySet() {
    // Pixels 0 and 255: x/255 is 0 and 1, mean ½, std ½.
    let set = ImageSet(
      shape: Shape(height: 1, width: 2, channels: 1), pixels: [0, 255, 0, 255], labels: [0, 1],
      classNames: ["a", "b"])
    #expect(Normalization.fitted(to: set) == Normalization(mean: 0.5, std: 0.5))
  }

  @Test func aConstantSetKeepsUnitStd() {
    let set = ImageSet(
      shape: Shape(height: 1, width: 1, channels: 1), pixels: [51, 51], labels: [0, 0],
      classNames: ["a"])
    #expect(Normalization.fitted(to: set) == Normalization(mean: 0.2, std: 1))
  }

  /// The well-known MNIST numbers (0.1307, 0.3081 over the 60,000 training images) hold on the
  /// 24,000-image cut to three decimals.
  @Test(.enabled(if: Fixtures.hasSharedMNIST)) func mnistStatistics() throws {
    let folder = try #require(Fixtures.sharedMNIST)
    let data = try DataCatalog.load(.mnist, path: folder).standardized()
    #expect(abs(data.normalization.mean - 0.1307) < 0.002)
    #expect(abs(data.normalization.std - 0.3081) < 0.002)
  }
}
