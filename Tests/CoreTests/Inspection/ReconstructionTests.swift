import Core
import Testing

@Suite struct ReconstructionTests {
  /// `conv 2 1 bias=no` with W = ½·I halves every value: y = x/2, so
  /// MSE = Σ (x/2)² / (C·H·W) and error = mean over channels of |x|/2, written out here.
  @Test func halvingTheImageGivesItsMeanSquaredError() throws {
    let shape = Shape(height: 2, width: 3, channels: 2)
    let pixels: [UInt8] =
      [0, 51, 102, 153, 204, 255, 255, 0, 51, 0, 102, 0] + [UInt8](repeating: 7, count: 12)
    let set = ImageSet(shape: shape, pixels: pixels, labels: [1, 0], classNames: ["a", "b"])
    let model = Sequential(seed: 1)
    try model.setStack(input: shape, specs: [.conv(filters: 2, kernel: 1, bias: false)])
    model.layers[0].parameters[0].value = [0.5, 0, 0, 0.5]  // [Cout 2, Cin 2, 1, 1]
    let r = try Reconstruction.compute(model: model, data: set, index: 0)
    let x = pixels[0..<12].map { Float($0) / 255 }
    let mse = x.map { ($0 / 2) * ($0 / 2) }.reduce(0, +) / 12
    #expect(abs(r.meanSquaredError - mse) < 1e-6)
    #expect(r.label == 1)
    for j in 0..<6 {
      #expect(abs(r.input.values[j] - (x[j] + x[6 + j]) / 2) < 1e-6)
      #expect(abs(r.output.values[j] - (x[j] + x[6 + j]) / 4) < 1e-6)
      #expect(abs(r.error.values[j] - (x[j] / 2 + x[6 + j] / 2) / 2) < 1e-6)
    }
  }

  @Test func refusesAModelWhoseOutputIsNotTheImage() throws {
    let shape = Shape(height: 4, width: 4, channels: 1)
    let set = ImageSet(
      shape: shape, pixels: [UInt8](repeating: 9, count: 16), labels: [0], classNames: ["a"])
    let classifier = Sequential(seed: 1)
    try classifier.setStack(input: shape, specs: [.flatten, .dense(units: 3)])
    #expect(throws: InspectionError.notAutoencoder(output: .flat(3), input: shape)) {
      try Reconstruction.compute(model: classifier, data: set, index: 0)
    }
    let smaller = Sequential(seed: 1)
    try smaller.setStack(input: shape, specs: [.conv(filters: 1, kernel: 3)])
    #expect(throws: InspectionError.self) {
      try Reconstruction.compute(model: smaller, data: set, index: 0)
    }
    #expect(throws: InspectionError.noSuchImage(index: 1, count: 1)) {
      try Reconstruction.compute(model: smaller, data: set, index: 1)
    }
  }
}
