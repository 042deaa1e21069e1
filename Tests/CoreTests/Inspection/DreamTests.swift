import Core
import Testing

@Suite struct DreamTests {
  func model() throws -> Sequential {
    let model = Sequential(seed: 8)
    try model.setStack(
      input: Shape(height: 12, width: 12, channels: 1),
      specs: [
        .conv(filters: 4, kernel: 3, activation: .relu), .maxPool(kernel: 2),
        .conv(filters: 6, kernel: 3, activation: .relu), .flatten,
        .dense(units: 5, activation: .softmax),
      ])
    return model
  }

  /// Channels of the first conv: the contrast they climb (cells above the map's mean) at
  /// least doubles from the grey start; the mean barely moves.
  @Test(arguments: [0, 1])
  func raisesAFirstLayerChannelClearly(_ channel: Int) throws {
    let model = try model()
    let dream = try Dream.run(model: model, row: 1, channel: channel)
    let (before, after) = (try #require(dream.contrastBefore), try #require(dream.contrastAfter))
    #expect(after >= 2 * before && after >= before + 0.05, "\(before) → \(after)")
    #expect(dream.image.count == 1 && dream.image[0].height == 12)
    #expect(dream.image[0].minimum >= 0 && dream.image[0].maximum <= 1)
  }

  /// A channel the ReLU silences for grey still gets a gradient (through its pre-activation).
  @Test func wakesASilentChannel() throws {
    let model = try model()
    let dream = try Dream.run(model: model, row: 3, channel: 5)
    #expect(dream.activationBefore == 0 && dream.activationAfter > 0)
    #expect((dream.contrastAfter ?? 0) > 0)
  }

  @Test func raisesAClassProbabilityAndLeavesTheWeightsAlone() throws {
    let model = try model()
    let weights = model.parameters.map(\.value)
    let dream = try Dream.run(model: model, row: 5, channel: 3)
    #expect(dream.activationAfter >= 1.6 * dream.activationBefore)
    #expect(model.parameters.map(\.value) == weights)
  }

  @Test func isDeterministicAndRefusesBadChannels() throws {
    let model = try model()
    let a = try Dream.run(
      model: model, row: 1, channel: 1, options: DreamOptions(steps: 5, seed: 3))
    let b = try Dream.run(
      model: model, row: 1, channel: 1, options: DreamOptions(steps: 5, seed: 3))
    #expect(a.image == b.image)
    #expect(throws: InspectionError.noSuchChannel(channel: 4, channels: 4, row: 1)) {
      try Dream.run(model: model, row: 1, channel: 4)
    }
    #expect(throws: InspectionError.self) {
      try Dream.run(model: model, row: 1, channel: 0, options: DreamOptions(steps: -1))
    }
    #expect(throws: InspectionError.noSuchRow(row: 0, first: 1, last: 5)) {
      try Dream.run(model: model, row: 0, channel: 0)
    }
  }
}

extension DreamTests {
  /// A first-row dream of a vertical-edge kernel that also likes brightness (sobel-x + 0.3)
  /// shows vertical edges, not a flat square: brightness changes from column to column far
  /// more than from row to row, and the image spans a real range. Climbing the mean instead
  /// gives the bright square (its mean far above grey).
  @Test func firstRowDreamShowsTheKernelsOrientation() throws {
    let model = Sequential(seed: 2)
    try model.setStack(
      input: Shape(height: 16, width: 16, channels: 1),
      specs: [.conv(filters: 1, kernel: 3, activation: .relu), .flatten, .dense(units: 2)])
    model.layers[0].parameters[0].value = [-1, 0, 1, -2, 0, 2, -1, 0, 1].map { $0 + 0.3 }
    model.layers[0].parameters[1].value = [0]
    func contrast(_ grid: Grid) -> (across: Float, down: Float) {
      var (across, down): (Float, Float) = (0, 0)
      for y in 0..<15 {
        for x in 0..<15 {
          across += abs(grid[y, x + 1] - grid[y, x])
          down += abs(grid[y + 1, x] - grid[y, x])
        }
      }
      return (across, down)
    }
    let dream = try Dream.run(model: model, row: 1, channel: 0)
    let image = dream.image[0]
    let (across, down) = contrast(image)
    #expect(across > 2 * down, "across \(across), down \(down)")
    #expect(image.maximum - image.minimum > 0.5)
    #expect(dream.activationAfter > dream.activationBefore)
    let flat = try Dream.run(
      model: model, row: 1, channel: 0, options: DreamOptions(jitter: 0, contrast: false))
    let values = flat.image[0].values
    let mean = values.reduce(0, +) / Float(values.count)
    let dreamMean = image.values.reduce(0, +) / Float(values.count)
    #expect(mean > 0.7 && abs(dreamMean - 0.5) < 0.15, "square \(mean), dream \(dreamMean)")
  }
}
