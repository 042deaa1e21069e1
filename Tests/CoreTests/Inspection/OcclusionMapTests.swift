import Core
import Foundation
import Testing

@Suite struct OcclusionMapTests {
  /// A white 8x8 image and a linear classifier whose class 0 looks only at the 2x2 top-left
  /// corner: hiding the corner lowers p0, hiding anything else changes nothing.
  func setting() throws -> (Sequential, ImageSet) {
    let model = Sequential(seed: 1)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1),
      specs: [.flatten, .dense(units: 2, activation: .softmax)])
    var w = [Float](repeating: 0, count: 2 * 64)
    for (y, x) in [(0, 0), (0, 1), (1, 0), (1, 1)] { w[y * 8 + x] = 0.5 }
    model.parameters[0].value = w
    model.parameters[1].value = [0, 0]
    let data = ImageSet(
      shape: Shape(height: 8, width: 8, channels: 1), pixels: [UInt8](repeating: 255, count: 64),
      labels: [0], classNames: ["corner", "other"])
    return (model, data)
  }

  @Test func heatIsWhereThePatchHidesTheEvidence() throws {
    let (model, data) = try setting()
    let map = try OcclusionMap.compute(model: model, data: data, index: 0, patch: 2)
    #expect(map.patch == 2 && map.stride == 1)
    let base = 1 / (1 + Float(exp(-2.0)))
    #expect(abs(map.baseProbability - base) < 1e-5)
    #expect(map.heat[0, 0] > 0.1)
    // Greying the whole corner gives logit 1: p0 = σ(1). Pixel (0,0) is covered only by it.
    #expect(abs(map.heat[0, 0] - (base - 1 / (1 + Float(exp(-1.0))))) < 1e-4)
    for y in 3..<8 { for x in 0..<8 { #expect(map.heat[y, x] == 0) } }
    #expect(map.heat.height == 8 && map.heat.width == 8)
  }

  @Test func placementsReachTheEdgesAndNormalisationSetsTheGrey() throws {
    let (model, data) = try setting()
    // patch 3, stride 2 on 8: starts 0, 2, 4 and 5 (pushed back to touch the edge).
    let map = try OcclusionMap.compute(model: model, data: data, index: 0, patch: 3, stride: 2)
    #expect(map.heat[7, 7] == 0 && map.heat[0, 0] > 0)
    // With mean 0.5 the grey patch is 0 after normalisation as well: same drops.
    let centred = try OcclusionMap.compute(
      model: model, data: data, normalization: Normalization(mean: 0.5, std: 0.5), index: 0,
      patch: 2)
    #expect(centred.heat[0, 0] > 0)
    #expect(throws: InspectionError.self) {
      try OcclusionMap.compute(model: model, data: data, index: 0, patch: 9)
    }
  }
}
