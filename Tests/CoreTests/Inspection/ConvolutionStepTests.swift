import Core
import TestSupport
import Testing

/// `show conv` and `show im2col`: the hand-worked dot product and the patch-matrix GEMM must
/// give the feature map the forward pass computes.
@Suite struct ConvolutionStepTests {
  let data = SyntheticImages.lines(count: 8, size: 8)

  func model() throws -> Sequential {
    try Sequential.built(
      input: data.shape,
      [
        .conv(filters: 4, kernel: 3, padding: .same, activation: .relu),
        .conv(filters: 3, kernel: 3, stride: 2, dilation: 2, activation: .tanh),
        .maxPool(kernel: 2), .flatten, .dense(units: 4, activation: .softmax),
      ], seed: 7
    ) { Float($0) * 0.05 - 0.1 }
  }

  @Test(arguments: [1, 2]) func everyPositionEqualsTheFeatureMap(_ row: Int) throws {
    let model = try model()
    let shape = model.shapes[row]
    for f in 0..<shape.channels {
      for y in 0..<shape.height {
        for x in 0..<shape.width {
          let step = try ConvolutionStep.compute(
            model: model, data: data, index: 3, row: row, filter: f, at: (y, x))
          #expect(abs(step.result - step.featureMapValue) < 1e-5)
          let sums = step.channelSums.reduce(0, +)
          #expect(abs(step.preActivation - (step.bias + sums)) < 1e-5)
          for c in step.products.indices {
            for j in step.products[c].indices {
              #expect(step.products[c][j] == step.patches[c][j] * step.kernels[c][j])
            }
          }
        }
      }
    }
  }

  /// With no position the step picks the cell of largest |value| of the filter's map, as the
  /// model's own full forward pass computes it (first such cell, row-major), and hands back
  /// that map and the input planes the window reads.
  @Test(arguments: [1, 2]) func strongestCellIsTheArgmaxOfTheFeatureMap(_ row: Int) throws {
    let model = try model()
    for index in [0, 3, 6] {
      let outputs = model.forwardCollecting(
        tensor(model, index: index), context: ComputeContext(mode: .inference))
      let map = outputs[row]
      let (h, w) = (map.shape.height, map.shape.width)
      for f in 0..<map.shape.channels {
        var best = (y: 0, x: 0)
        for y in 0..<h {
          for x in 0..<w where abs(map[0, f, y, x]) > abs(map[0, f, best.y, best.x]) {
            best = (y, x)
          }
        }
        let step = try ConvolutionStep.compute(
          model: model, data: data, index: index, row: row, filter: f)
        #expect(step.y == best.y && step.x == best.x, "filter \(f) of image \(index)")
        #expect(step.featureMapValue == map[0, f, best.y, best.x])
        #expect(step.outputMap == Grid(map, channel: f))
        let input = outputs[model.inputRows(ofRow: row)[0]]
        #expect(step.inputMaps == (0..<input.shape.channels).map { Grid(input, channel: $0) })
      }
    }
  }

  @Test func paddingCellsReadZero() throws {
    let step = try ConvolutionStep.compute(
      model: model(), data: data, index: 0, row: 1, filter: 0, at: (0, 0))
    // pad=same with a 3x3 kernel: the top row and left column of the window are outside.
    #expect(step.padding == [true, true, true, true, false, false, true, false, false])
    #expect(step.patches[0][0] == 0)
    #expect(step.origin.y == -1 && step.origin.x == -1)
  }

  @Test func refusesOtherRowsAndPositions() throws {
    let model = try model()
    #expect(throws: InspectionError.wrongLayer(
      row: 3, layer: "maxpool 2", tool: "show conv", wanted: "a conv row", rows: [1, 2])) {
      try ConvolutionStep.compute(model: model, data: data, index: 0, row: 3, filter: 0, at: (0, 0))
    }
    #expect(throws: InspectionError.self) {
      try ConvolutionStep.compute(model: model, data: data, index: 0, row: 1, filter: 0, at: (8, 0))
    }
    #expect(throws: InspectionError.noSuchChannel(channel: 4, channels: 4, row: 1)) {
      try ConvolutionStep.compute(model: model, data: data, index: 0, row: 1, filter: 4, at: (0, 0))
    }
  }

  @Test(arguments: [1, 2]) func patchMatrixGEMMIsTheLayer(_ row: Int) throws {
    let model = try model()
    let m = try PatchMatrix.compute(model: model, data: data, index: 5, row: row)
    #expect(m.largestDifference < 1e-5)
    let outputs = model.forwardCollecting(
      tensor(model, index: 5), context: ComputeContext(mode: .inference))
    #expect(m.product.count == outputs[row].storage.count)
    // Column (oy, ox) of the patch matrix is the window of output (oy, ox).
    let input = outputs[row - 1]
    let (oy, ox) = (1, 0)
    for c in 0..<input.shape.channels {
      for ky in 0..<m.kernel {
        for kx in 0..<m.kernel {
          let step = try ConvolutionStep.compute(
            model: model, data: data, index: 5, row: row, filter: 0, at: (oy, ox))
          let r = (c * m.kernel + ky) * m.kernel + kx
          #expect(m.patches[r * m.patchColumns + oy * m.output.width + ox]
            == step.patches[c][ky * m.kernel + kx])
        }
      }
    }
  }

  func tensor(_ model: Sequential, index: Int) -> Tensor {
    var batch = Tensor(batch: 1, shape: data.shape)
    var labels: [Int] = []
    data.gather([index], into: &batch, labels: &labels)
    return batch
  }
}
