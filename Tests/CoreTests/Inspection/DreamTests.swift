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

  /// Channels of the first conv: their mean activation nearly doubles from the grey start
  /// (a 3x3 filter on a 12x12 image is almost linear in brightness, so 2x is near its limit).
  @Test(arguments: [0, 1])
  func raisesAFirstLayerChannelClearly(_ channel: Int) throws {
    let model = try model()
    let dream = try Dream.run(model: model, row: 1, channel: channel)
    #expect(
      dream.activationAfter >= 1.8 * dream.activationBefore
        && dream.activationAfter >= dream.activationBefore + 0.3,
      "\(dream.activationBefore) → \(dream.activationAfter)")
    #expect(dream.image.count == 1 && dream.image[0].height == 12)
    #expect(dream.image[0].minimum >= 0 && dream.image[0].maximum <= 1)
  }

  /// A channel the ReLU silences for grey still gets a gradient (through its pre-activation).
  @Test func wakesASilentChannel() throws {
    let model = try model()
    let dream = try Dream.run(model: model, row: 3, channel: 5)
    #expect(dream.activationBefore == 0 && dream.activationAfter > 0.01)
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
