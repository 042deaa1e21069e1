import Core
import Foundation
import Testing
import TestSupport

/// The trainer calls its step observer on the training thread every N steps and at each
/// epoch's end (once per step), and the weights it sees are the ones after that step.
@Suite struct StepObserverTests {
  static let data = DataSplits(
    name: "lines", train: SyntheticImages.lines(count: 100, seed: 1),
    test: SyntheticImages.lines(count: 20, seed: 2))

  @Test func everyNStepsAndEachEpochEnd() throws {
    let model = Sequential(seed: 3)
    try model.setStack(input: Self.data.train.shape, specs: [.flatten, .dense(units: 4)])
    let seen = Steps()
    let trainer = Trainer()
    trainer.stepObserver = StepObserver(every: 3) { step in
      seen.append(step, weight: model.parameters[0].value[0])
    }
    // 100 images, batch 32: 4 steps per epoch (the last one partial), 8 steps in 2 epochs.
    let result = try trainer.run(
      model: model, data: Self.data,
      options: TrainingOptions(epochs: 2, batchSize: 32, optimizer: .sgd, testLimit: 0))
    #expect(result.reason == .finished)
    #expect(seen.steps == [3, 4, 6, 8])
    #expect(seen.weights.last == model.parameters[0].value[0], "the weights after the last step")
  }
}

/// What the observer saw, from the training thread.
private final class Steps: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var steps: [Int] = []
  private(set) var weights: [Float] = []

  func append(_ step: Int, weight: Float) {
    lock.lock()
    steps.append(step)
    weights.append(weight)
    lock.unlock()
  }
}
