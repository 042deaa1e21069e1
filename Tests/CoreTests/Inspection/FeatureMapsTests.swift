import Core
import TestSupport
import Testing

@Suite struct FeatureMapsTests {
  let data = SyntheticImages.lines(count: 8, size: 8)

  func model() throws -> Sequential {
    let model = Sequential(seed: 2)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1),
      specs: [.conv(filters: 4, kernel: 3, activation: .relu), .flatten, .dense(units: 4)])
    return model
  }

  @Test func mapsAreTheRowsActivationsPerChannelWithTheirOwnRange() throws {
    let model = try model()
    let maps = try FeatureMaps.compute(model: model, data: data, index: 3, row: 1)
    var image = Tensor(batch: 0, shape: data.shape)
    var labels: [Int] = []
    data.gather([3], into: &image, labels: &labels)
    let expected = model.forwardCollecting(image, context: ComputeContext(mode: .inference))[1]
    #expect(maps.maps.count == 4 && maps.channels == 0..<4 && maps.label == labels[0])
    for c in 0..<4 {
      let grid = maps.maps[c]
      #expect(grid.height == 6 && grid.width == 6)
      #expect(grid.values == Grid(expected, channel: c).values)
      #expect(grid.minimum == grid.values.min() && grid.maximum == grid.values.max())
    }
    #expect(maps.layer == "conv 4 3 relu")
  }

  @Test func channelRangesAndFlatRows() throws {
    let model = try model()
    let some = try FeatureMaps.compute(model: model, data: data, index: 0, row: 1, channels: 2...9)
    #expect(some.channels == 2..<4 && some.maps.count == 2)
    let strip = try FeatureMaps.compute(model: model, data: data, index: 0, row: 3)
    #expect(strip.maps.count == 1 && strip.maps[0].height == 1 && strip.maps[0].width == 4)
    let input = try FeatureMaps.compute(model: model, data: data, index: 0, row: 0)
    #expect(input.layer == "input" && input.maps[0].width == 8)
    #expect(throws: InspectionError.noSuchChannel(channel: 4, channels: 4, row: 1)) {
      try FeatureMaps.compute(model: model, data: data, index: 0, row: 1, channels: 4...5)
    }
    #expect(throws: InspectionError.noSuchImage(index: 8, count: 8)) {
      try FeatureMaps.compute(model: model, data: data, index: 8, row: 1)
    }
  }
}
