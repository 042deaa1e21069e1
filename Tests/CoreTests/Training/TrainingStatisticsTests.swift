import Core
import Foundation
import Testing
import TestSupport

/// A training measures its own batch every `statisticsEvery` steps (`show stats` while
/// training): the numbers are those of ``RowStatistics`` on that batch after the step's update,
/// and measuring never changes what the training computes.
@Suite struct TrainingStatisticsTests {
  static let data = DataSplits(
    name: "lines", train: SyntheticImages.lines(count: 96, seed: 1),
    test: SyntheticImages.lines(count: 16, seed: 2))
  /// Conv, batchnorm (running statistics) and dropout (random masks): everything that would
  /// change if measuring ran in training mode.
  static let specs: [LayerSpec] = [
    .conv(filters: 4, kernel: 3, activation: .relu), .batchNorm(), .maxPool(kernel: 2), .flatten,
    .dropout(rate: 0.3), .dense(units: 4, activation: .softmax),
  ]

  static func model() throws -> Sequential {
    let model = Sequential(seed: 5)
    try model.setStack(input: data.train.shape, specs: specs)
    return model
  }

  static func statistics(_ events: [TrainingEvent]) -> [RowStatistics] {
    events.compactMap { if case .statistics(let s) = $0 { s } else { nil } }
  }

  @Test func everyNthStepSendsItsBatchsStatistics() throws {
    var events: [TrainingEvent] = []
    var options = TrainingOptions(epochs: 2, batchSize: 16, testLimit: 0, seed: 3)
    options.statisticsEvery = 4
    options.statisticsImages = 10
    let trainer = Trainer()
    try trainer.run(model: try Self.model(), data: Self.data, options: options) {
      events.append($0)
    }
    let measured = Self.statistics(events)
    #expect(measured.map(\.step) == [4, 8, 12])  // 6 steps an epoch, 2 epochs
    #expect(measured.allSatisfy { $0.images == 10 })
    #expect(measured.allSatisfy { $0.rows.count == Self.specs.count + 1 })
    #expect(trainer.latestStatistics?.step == 12)
    // Each follows its own step's progress event.
    for s in measured {
      let index = try #require(events.firstIndex { if case .statistics(let t) = $0 { t.step == s.step } else { false } })
      guard case .step(let progress, _) = events[index - 1] else {
        Issue.record("no step event before the statistics of step \(s.step!)")
        continue
      }
      #expect(progress.globalStep == s.step)
    }
  }

  /// One step over every training image: the batch is the whole set (shuffled), so the
  /// statistics equal `show stats` on the trained model (order-free numbers).
  @Test func theNumbersAreThoseOfTheBatchAfterTheUpdate() throws {
    let model = try Self.model()
    var events: [TrainingEvent] = []
    var options = TrainingOptions(epochs: 1, batchSize: 96, testLimit: 0, seed: 3)
    options.statisticsEvery = 1
    options.statisticsImages = 96
    try Trainer().run(model: model, data: Self.data, options: options) { events.append($0) }
    let live = try #require(Self.statistics(events).first)
    let idle = try RowStatistics.compute(model: model, data: Self.data.train, count: 96)
    #expect(abs(live.loss - idle.loss) <= 1e-5 * max(1, abs(idle.loss)))
    for (a, b) in zip(live.rows, idle.rows) {
      #expect(a.minimum == b.minimum && a.maximum == b.maximum, "row \(a.row)")
      #expect(a.zeroFraction == b.zeroFraction, "row \(a.row)")
      #expect(abs(a.mean - b.mean) <= 1e-5 * max(1, abs(b.mean)), "row \(a.row)")
      #expect(
        abs(a.gradientMeanMagnitude - b.gradientMeanMagnitude)
          <= 1e-4 * b.gradientMeanMagnitude + 1e-9, "row \(a.row)")
      #expect(
        abs(a.gradientMaxMagnitude - b.gradientMaxMagnitude)
          <= 1e-4 * b.gradientMaxMagnitude + 1e-9, "row \(a.row)")
    }
    #expect(live.rows.contains { $0.gradientMeanMagnitude > 0 })
  }

  /// Looking never changes the training: the same losses and weights, bit for bit, with and
  /// without statistics (batchnorm's running statistics and dropout's masks included).
  @Test func measuringLeavesTheTrainingBitIdentical() throws {
    func train(statisticsEvery: Int?) throws -> (losses: [UInt32], weights: [[Float]]) {
      let model = try Self.model()
      var options = TrainingOptions(epochs: 2, batchSize: 16, testLimit: 0, threads: 2, seed: 9)
      options.statisticsEvery = statisticsEvery
      let result = try Trainer().run(model: model, data: Self.data, options: options)
      return (result.history.steps.map(\.loss.bitPattern), model.parameters.map(\.value))
    }
    let plain = try train(statisticsEvery: nil)
    let measured = try train(statisticsEvery: 1)
    #expect(plain.losses == measured.losses)
    #expect(plain.weights == measured.weights)
  }

  @Test func aZeroIntervalIsRefused() throws {
    var options = TrainingOptions()
    options.statisticsEvery = 0
    #expect(throws: TrainingError.self) { try options.validate(data: Self.data) }
    options.statisticsEvery = 5
    options.statisticsImages = 0
    #expect(throws: TrainingError.self) { try options.validate(data: Self.data) }
  }
}
