import Core
import Testing
import TestSupport

@Suite struct TrainingOptionsTests {
  let data = DataSplits(
    name: "lines", train: SyntheticImages.lines(count: 8), test: SyntheticImages.lines(count: 4))

  @Test func defaultsAreValidAndFollowTheOptimizer() throws {
    let options = TrainingOptions()
    try options.validate(data: data)
    #expect(options.effectiveLearningRate == 0.001)
    #expect(TrainingOptions(optimizer: .sgd).effectiveLearningRate == 0.01)
  }

  @Test(arguments: [
    TrainingOptions(epochs: 0), TrainingOptions(batchSize: 0), TrainingOptions(learningRate: -1),
    TrainingOptions(learningRate: .nan), TrainingOptions(weightDecay: -0.1), TrainingOptions(limit: 0),
    TrainingOptions(threads: 0), TrainingOptions(snapshotEvery: 0), TrainingOptions(probeIndex: 4),
    TrainingOptions(checkpointEvery: 0),
  ])
  func badValuesAreRefused(options: TrainingOptions) {
    #expect(throws: TrainingError.self) { try options.validate(data: data) }
  }

  @Test func messageNamesTheOptionAndAFix() {
    do {
      try TrainingOptions(batchSize: 0).validate(data: data)
      Issue.record("batch=0 accepted")
    } catch {
      #expect(error.description == "batch=0 is not allowed; use a batch of 1 or more, such as 64")
    }
  }
}
