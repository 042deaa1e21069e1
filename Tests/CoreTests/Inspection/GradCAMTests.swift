import Core
import TestSupport
import Testing

@Suite struct GradCAMTests {
  @Test func defaultsToTheLastConvRowAndNormalisesToOne() throws {
    let model = Sequential(seed: 3)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1),
      specs: [
        .conv(filters: 4, kernel: 3, activation: .relu), .maxPool(kernel: 2), .flatten,
        .dense(units: 4, activation: .softmax),
      ])
    let data = SyntheticImages.lines(count: 8)
    #expect(try GradCAM.lastConvRow(model) == 1)
    let cam = try GradCAM.compute(model: model, data: data, index: 1)
    #expect(cam.row == 1 && cam.coarse.height == 6 && cam.heat.height == 8)
    #expect(cam.heat.minimum >= 0 && cam.heat.maximum <= 1)
    #expect(cam.heat.maximum == 1 || cam.heat.maximum == 0)
    #expect(cam.channelWeights.count == 4)
    // The coarse map is relu(Σ w_c A_c) by definition.
    let maps = try FeatureMaps.compute(model: model, data: data, index: 1, row: 1)
    for j in 0..<36 {
      var sum: Float = 0
      for c in 0..<4 { sum += cam.channelWeights[c] * maps.maps[c].values[j] }
      #expect(abs(cam.coarse.values[j] - max(sum, 0)) < 1e-5)
    }
    let pooled = try GradCAM.compute(model: model, data: data, index: 1, row: 2)
    #expect(pooled.coarse.height == 3)
    #expect(throws: InspectionError.notSpatial(row: 3, layer: "flatten")) {
      try GradCAM.compute(model: model, data: data, index: 1, row: 3)
    }
  }

  @Test func presetsPickTheirLastConv() throws {
    let model = Sequential(seed: 1)
    try Preset.kerasMNIST.apply(to: model)
    #expect(try GradCAM.lastConvRow(model) == 5)
    try Preset.lenet5.apply(to: model)
    #expect(try GradCAM.lastConvRow(model) == 3)
    try model.setStack(
      input: Shape(height: 4, width: 4, channels: 1), specs: [.flatten, .dense(units: 2)])
    #expect(throws: InspectionError.self) { try GradCAM.lastConvRow(model) }
  }
}
