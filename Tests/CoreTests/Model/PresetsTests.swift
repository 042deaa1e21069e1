import Core
import Testing
import TestSupport

/// Presets built for real: these need the conv, pooling, upsample and transposed-conv layers
/// (written in parallel by other helpers), so they fail while those are still stubs.
@Suite struct PresetsTests {
  private func built(_ preset: Preset) throws -> Sequential {
    let model = Sequential(seed: 1)
    try preset.apply(to: model)
    return model
  }

  /// Keras: `model.summary()` of the same stack prints 320, 18,496, 73,856, 11,530.
  @Test func kerasMNISTMatchesKeras() throws {
    let summary = try built(.kerasMNIST).summary
    #expect(summary.rows.map(\.parameters) == [0, 320, 0, 18_496, 0, 73_856, 0, 11_530])
    #expect(summary.totalParameters == 104_202)
    #expect(summary.rows.last?.outputShape == .flat(10))
    #expect(summary.rows[6].outputShape == .flat(1152))
  }

  /// 156 + 2,416 + 48,120 + 10,164 + 850.
  @Test func lenet5Has61706Parameters() throws {
    let summary = try built(.lenet5).summary
    #expect(summary.totalParameters == 61_706)
    #expect(summary.rows.map(\.parameters) == [0, 156, 0, 2_416, 0, 0, 48_120, 10_164, 850])
    #expect(summary.rows[5].outputShape == .flat(400))
  }

  /// conv 320; sepconv 64: 9·32 + 32·64 + 64 = 2,400; sepconv 128: 9·64 + 64·128 + 128 = 8,896.
  @Test func separableMNISTIsSmaller() throws {
    let summary = try built(.separableMNIST).summary
    #expect(summary.rows.map(\.parameters) == [0, 320, 0, 2_400, 0, 8_896, 0, 11_530])
    #expect(summary.totalParameters == 23_146)
  }

  /// 160 + 1,160 + (8·8·2·2 + 8) + (8·9 + 1) = 1,657; the output is the input's shape.
  @Test func autoencoderGivesBackItsInput() throws {
    let model = try built(.autoencoder)
    #expect(model.summary.totalParameters == 1_657)
    #expect(model.outputShape == Shape(height: 28, width: 28, channels: 1))
    #expect(model.shapes[4] == Shape(height: 7, width: 7, channels: 8))
  }

  /// The autoencoder trains with mse against its input (chosen automatically) and improves.
  @Test func autoencoderTrainsWithMSE() throws {
    let model = try built(.autoencoder)
    let lines = SyntheticImages.lines(count: 64, size: 28)
    let data = DataSplits(name: "lines", train: lines, test: lines.prefix(16))
    let result = try Trainer().run(
      model: model, data: data, options: TrainingOptions(epochs: 3, batchSize: 16, learningRate: 0.01))
    #expect(result.reason == .finished)
    let epochs = result.history.epochs
    #expect(epochs.last?.trainAccuracy == nil)
    #expect(try #require(epochs.last?.trainLoss) < epochs[0].trainLoss)
  }

  /// Every preset runs a few steps of training without a fault.
  @Test(arguments: [Preset.lenet5, .kerasMNIST, .separableMNIST])
  func classifiersTrain(preset: Preset) throws {
    let model = try built(preset)
    // The 4 line classes, labelled as 4 of the presets' 10 output classes.
    let four = SyntheticImages.lines(count: 32, size: 28)
    let lines = ImageSet(
      shape: four.shape, pixels: four.pixels, labels: four.labels,
      classNames: (0..<10).map { "\($0)" })
    let data = DataSplits(name: "lines", train: lines, test: lines.prefix(8))
    let result = try Trainer().run(
      model: model, data: data, options: TrainingOptions(batchSize: 8))
    #expect(result.reason == .finished)
    #expect(result.history.steps.count == 4)
  }
}
