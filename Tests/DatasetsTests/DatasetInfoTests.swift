import Core
import Datasets
import Testing

@Suite struct DatasetInfoTests {
  @Test func summarisesTheEmbeddedSample() throws {
    let info = DatasetInfo(try EmbeddedSample.load())
    #expect(info.name == "mnist")
    #expect(info.shape == Shape(height: 28, width: 28, channels: 1))
    #expect(info.trainCount == 6_000 && info.testCount == 1_000)
    #expect(info.trainClassCounts == [Int](repeating: 600, count: 10))
    #expect(info.lines.count == 12)
    #expect(info.lines[0] == "mnist: 28x28x1, 10 classes, 6,000 train / 1,000 test; pixels x/255")
    #expect(info.lines[1] == "class     train    test")
    #expect(info.lines[2] == "0           600     100   10.0%")
  }

  @Test func showsTheNormalisationAndLongClassNames() throws {
    let data = try BarsGenerator.generate(SyntheticOptions(trainCount: 40, testCount: 8))
      .standardized()
    let info = DatasetInfo(data)
    #expect(
      info.lines[0].hasPrefix("bars: 28x28x1, 4 classes, 40 train / 8 test; pixels (x/255 - 0."))
    #expect(info.lines[5].hasPrefix("135°"))
  }
}
