import Core
import TestSupport
import Testing

@Suite struct BatchNormTests {
  let training = ComputeContext(mode: .training)
  let inference = ComputeContext(mode: .inference)

  func built(_ shape: Shape) throws -> BatchNorm {
    let norm = BatchNorm()
    var random = SeededRandom(seed: 1)
    try norm.build(input: shape, random: &random)
    return norm
  }

  func expectClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) {
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) { #expect(abs(x - y) <= tolerance, "\(a) vs \(b)") }
  }

  /// Two features over a batch of 4: [1, 2, 3, 4] (μ 2.5, σ² 1.25) and [0, 0, 0, 8] (μ 2, σ² 12).
  ///
  /// numpy: `(x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3)`.
  let features = Tensor(batch: 4, shape: .flat(2), storage: [1, 0, 2, 0, 3, 0, 4, 8])

  @Test func trainingNormalisesWithBatchStatistics() throws {
    let norm = try built(.flat(2))
    let y = norm.forward(features, context: training)
    expectClose(
      y.storage,
      [-1.341104, -0.577326, -0.447035, -0.577326, 0.447035, -0.577326, 1.341104, 1.731979])
  }

  /// Keras: running = 0.99·running + 0.01·batch, with the biased batch variance.
  @Test func runningStatisticsAfterOneStep() throws {
    let norm = try built(.flat(2))
    _ = norm.forward(features, context: training)
    expectClose(try #require(norm.runningMean).value, [0.025, 0.02])
    expectClose(try #require(norm.runningVar).value, [1.0025, 1.11])
    _ = norm.forward(features, context: inference)
    expectClose(try #require(norm.runningMean).value, [0.025, 0.02])
  }

  @Test func inferenceUsesRunningStatistics() throws {
    let norm = try built(.flat(2))
    try #require(norm.runningMean).value = [1, -2]
    try #require(norm.runningVar).value = [4, 0.25]
    try #require(norm.weight).value = [2, 0.5]
    try #require(norm.bias).value = [0.5, -1]
    let x = Tensor(batch: 2, shape: .flat(2), storage: [3, -2, 0, 0])
    let y = norm.forward(x, context: inference)
    expectClose(y.storage, [2.499750, -1, -0.499875, 0.996012])
  }

  /// On images the statistics are per channel over N, H and W.
  @Test func imagesNormalisePerChannel() throws {
    let shape = Shape(height: 2, width: 2, channels: 2)
    let norm = try built(shape)
    // Channel 0 holds 1…4 and 5…8 in the two samples; channel 1 is 100 everywhere.
    let x = Tensor(
      batch: 2, shape: shape,
      storage: [1, 2, 3, 4, 100, 100, 100, 100, 5, 6, 7, 8, 100, 100, 100, 100])
    let y = norm.forward(x, context: training)
    // Channel 0: μ 4.5, σ² 5.25.
    let s = Float((5.25 + 1e-3).squareRoot())
    expectClose(
      y.storage,
      [
        -3.5 / s, -2.5 / s, -1.5 / s, -0.5 / s, 0, 0, 0, 0, 0.5 / s, 1.5 / s, 2.5 / s, 3.5 / s, 0,
        0, 0, 0,
      ])
    expectClose(try #require(norm.runningMean).value, [0.045, 1])
  }

  /// Keras: BatchNormalization on 13x13x32 has 128 parameters, 64 trainable.
  @Test func parametersInPyTorchNamesAndKerasCounts() throws {
    let shape = Shape(height: 13, width: 13, channels: 32)
    let norm = try built(shape)
    #expect(norm.parameterCount(for: shape) == 128)
    #expect(norm.trainableParameterCount(for: shape) == 64)
    #expect(norm.macs(for: shape) == 0)
    #expect(try norm.outputShape(for: shape) == shape)
    #expect(norm.parameters.map(\.name) == ["weight", "bias", "running_mean", "running_var"])
    #expect(norm.parameters.map(\.isTrainable) == [true, true, false, false])
    #expect(norm.parameters.allSatisfy { $0.dimensions == [32] })
    #expect(norm.parameters.map { $0.value.first } == [1, 0, 0, 1])
    #expect(norm.parameterCount(for: .flat(128)) == 512)
    #expect(
      norm.receptiveField(after: ReceptiveField(size: 5, jump: 2))
        == ReceptiveField(size: 5, jump: 2))
  }

  @Test(arguments: [Shape(height: 3, width: 3, channels: 2), .flat(4)])
  func trainingGradientMatchesFiniteDifferences(shape: Shape) throws {
    let norm = try built(shape)
    let c = shape.channels
    try #require(norm.weight).value = (0..<c).map { 0.5 + Float($0) * 0.3 }
    try #require(norm.bias).value = (0..<c).map { Float($0) * 0.1 - 0.2 }
    let batch = shape.isFlat ? 3 : 2
    let x = GradientCheck.randomInput(batch: batch, shape: shape)
    let report = GradientCheck.check(norm, input: x, mode: .training, step: 1e-3)
    #expect(report.worst < 1e-2, "\(report)")
    #expect(report.worstParameterError.keys.sorted() == ["bias", "weight"])
  }

  @Test func inferenceGradientMatchesFiniteDifferences() throws {
    let shape = Shape(height: 3, width: 2, channels: 3)
    let norm = try built(shape)
    try #require(norm.runningMean).value = [0.1, -0.2, 0.3]
    try #require(norm.runningVar).value = [0.5, 2, 1.5]
    try #require(norm.weight).value = [1.5, -0.7, 0.9]
    let report = GradientCheck.check(
      norm, input: GradientCheck.randomInput(batch: 2, shape: shape), mode: .inference)
    #expect(report.worst < 1e-2, "\(report)")
  }

  @Test func sameResultsForEveryThreadCount() throws {
    let shape = Shape(height: 6, width: 6, channels: 8)
    let x = GradientCheck.randomInput(batch: 4, shape: shape, seed: 11)
    var results: [[Float]] = []
    for threads in [1, 2, 3] {
      let norm = try built(shape)
      let context = ComputeContext(mode: .training, threads: threads)
      let y = norm.forward(x, context: context)
      let g = norm.backward(y, context: context)
      results.append(
        y.storage + g.storage + norm.parameters.flatMap(\.value)
          + norm.parameters.flatMap(\.gradient))
    }
    #expect(results[0] == results[1])
    #expect(results[0] == results[2])
  }
}
