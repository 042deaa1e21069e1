import Core
import Testing

@Suite struct FiltersTests {
  @Test func firstConvShowsEveryInputChannelInWeightOrder() throws {
    let model = Sequential(seed: 4)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 2),
      specs: [.conv(filters: 3, kernel: 3), .conv(filters: 2, kernel: 3)])
    let filters = try Filters.compute(model: model, row: 1)
    let w = model.layers[0].parameters[0].value  // [3, 2, 3, 3]
    #expect(filters.view == .perInputChannel && filters.kernels.count == 3)
    #expect(filters.kernels[2][1].values == Array(w[((2 * 2 + 1) * 9)..<((2 * 2 + 2) * 9)]))
    let m = w.map(abs).max() ?? 0
    #expect(filters.range == -m...m)
  }

  @Test func deeperRowsAverageOverInputChannels() throws {
    let model = Sequential(seed: 4)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1),
      specs: [.conv(filters: 4, kernel: 3), .conv(filters: 2, kernel: 3)])
    let filters = try Filters.compute(model: model, row: 2)
    let w = model.layers[1].parameters[0].value  // [2, 4, 3, 3]
    #expect(filters.view == .meanOverInputs && filters.kernels[1].count == 1)
    var mean = [Float](repeating: 0, count: 9)
    for i in 0..<4 { for j in 0..<9 { mean[j] += w[(4 + i) * 9 + j] / 4 } }
    for j in 0..<9 { #expect(abs(filters.kernels[1][0].values[j] - mean[j]) < 1e-6) }
  }

  @Test func depthwiseSeparableAndTransposedLayouts() throws {
    let model = Sequential(seed: 4)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 2),
      specs: [
        .depthwiseConv(kernel: 3, multiplier: 2), .separableConv(filters: 3, kernel: 3),
        .transposedConv(filters: 5, kernel: 2, stride: 2), .flatten,
      ])
    #expect(try Filters.compute(model: model, row: 1).kernels.map(\.count) == [1, 1, 1, 1])
    #expect(try Filters.compute(model: model, row: 2).kernels.count == 4)
    let deconv = try Filters.compute(model: model, row: 3, view: .perInputChannel)
    let w = model.layers[2].parameters[0].value  // [Cin 3, Cout 5, 2, 2]
    #expect(deconv.kernels.count == 5 && deconv.kernels[4].count == 3)
    #expect(deconv.kernels[4][1].values == Array(w[((1 * 5 + 4) * 4)..<((1 * 5 + 4) * 4 + 4)]))
    #expect(throws: InspectionError.notConvolutional(row: 4, layer: "flatten")) {
      try Filters.compute(model: model, row: 4)
    }
  }
}
