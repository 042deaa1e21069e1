import Core
import Datasets
import Foundation
import Testing

@Suite struct EmbeddedSampleTests {
  @Test func holdsABalancedCutOfMNIST() throws {
    let data = try EmbeddedSample.load()
    #expect(data.name == "mnist")
    #expect(data.train.count == 6_000)
    #expect(data.test.count == 1_000)
    #expect(data.train.shape == Shape(height: 28, width: 28, channels: 1))
    #expect(data.train.classCounts == [Int](repeating: EmbeddedSample.trainPerClass, count: 10))
    #expect(data.test.classCounts == [Int](repeating: EmbeddedSample.testPerClass, count: 10))
    #expect(data.train.classNames == (0...9).map(String.init))
  }

  /// The sample keeps file order, so its first images are the official first images:
  /// train labels start 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 and the first image sums to 27,525
  /// (see IDXFolderTests); the test split is the official test set's first 1,000 minus extras.
  @Test func startsWithTheOfficialFirstImages() throws {
    let data = try EmbeddedSample.load()
    #expect(Array(data.train.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    #expect(data.train.pixels[0..<784].reduce(0) { $0 + Int($1) } == 27_525)
    #expect(Array(data.test.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
  }

  @Test func isWhatDataMnistLoadsWithoutAPath() throws {
    let data = try DataCatalog.load(.mnist)
    #expect(data.train.count == 6_000)
  }

  /// Installed (`PREFIX/bin` beside `PREFIX/share/cnnrepl`) first, then SwiftPM's build copy.
  @Test func isLookedForBesideTheBinary() {
    let folders = EmbeddedSample.searchedFolders(binaryFolder: URL(fileURLWithPath: "/usr/local/bin"))
    #expect(
      folders.map(\.path) == [
        "/usr/local/share/cnnrepl/mnist-sample",
        "/usr/local/bin/cnnrepl_Datasets.resources/Resources/mnist-sample",
        "/usr/local/bin/cnnrepl_Datasets.resources/mnist-sample",
      ])
  }
}
