import Foundation
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
    #expect(cam.coarse.values == cam.signed.values.map { max($0, 0) })
    let pooled = try GradCAM.compute(model: model, data: data, index: 1, row: 2)
    #expect(pooled.coarse.height == 3)
    #expect(throws: InspectionError.notSpatial(row: 3, layer: "flatten")) {
      try GradCAM.compute(model: model, data: data, index: 1, row: 3)
    }
  }

  /// After maxpool → flatten → dense the head is linear given the argmax, so the signed map
  /// sums to the logit minus the bias: Σ signed(k) − Σ signed(j) = ln(p_k/p_j) − (b_k − b_j).
  @Test func signedMapSplitsTheLogitAfterAFlatHead() throws {
    let model = Sequential(seed: 4)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1),
      specs: [
        .conv(filters: 3, kernel: 3, activation: .relu), .maxPool(kernel: 2), .flatten,
        .dense(units: 4, activation: .softmax),
      ])
    let bias = try #require(model.layers.last?.parameters.first { $0.name == "bias" })
    bias.value = [0.3, -0.2, 0.1, 0.05]
    let data = SyntheticImages.lines(count: 8)
    let a = try GradCAM.compute(model: model, data: data, index: 2, classIndex: 0)
    let b = try GradCAM.compute(model: model, data: data, index: 2, classIndex: 3)
    let lhs = a.signed.values.reduce(0, +) - b.signed.values.reduce(0, +)
    let rhs = log(a.probability / b.probability) - (0.3 - 0.05)
    #expect(abs(lhs - rhs) < 1e-4, "\(lhs) vs \(rhs)")
    #expect(a.signed.values.contains { $0 != 0 })
  }

  /// With global average pooling the gradient is uniform over each map, so the element-wise
  /// map equals Grad-CAM's `relu(Σ w_c A_c)`.
  @Test func globalAveragePoolingGivesPlainGradCAM() throws {
    let model = Sequential(seed: 3)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1),
      specs: [
        .conv(filters: 4, kernel: 3, activation: .relu), .globalAvgPool,
        .dense(units: 4, activation: .softmax),
      ])
    let data = SyntheticImages.lines(count: 8)
    let cam = try GradCAM.compute(model: model, data: data, index: 1)
    let maps = try FeatureMaps.compute(model: model, data: data, index: 1, row: 1)
    for j in 0..<36 {
      var sum: Float = 0
      for c in 0..<4 { sum += cam.channelWeights[c] * maps.maps[c].values[j] }
      #expect(abs(cam.coarse.values[j] - max(sum, 0)) < 1e-5)
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
