import Core
import Foundation
import Testing
import TestSupport

@Suite struct TrainerTests {
  static let data = DataSplits(
    name: "lines", train: SyntheticImages.lines(count: 800, seed: 1),
    test: SyntheticImages.lines(count: 200, seed: 2))
  static let mlp: [LayerSpec] = [
    .flatten, .dense(units: 32, activation: .relu), .dense(units: 4, activation: .softmax),
  ]

  private func model(seed: UInt64 = 7, specs: [LayerSpec] = mlp) throws -> Sequential {
    let model = Sequential(seed: seed)
    try model.setStack(input: Self.data.train.shape, specs: specs)
    return model
  }

  /// Drains `trainer` until `condition` holds for the events so far or `seconds` pass.
  private func drain(
    _ trainer: Trainer, into events: inout [TrainingEvent], seconds: Double = 20,
    until condition: ([TrainingEvent]) -> Bool
  ) {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition(events), Date() < deadline {
      events += trainer.events.drain()
      Thread.sleep(forTimeInterval: 0.005)
    }
  }

  @Test func mlpLearnsTheLinesInTheBackground() throws {
    let m = try model()
    let trainer = Trainer()
    try trainer.start(
      model: m, data: Self.data,
      options: TrainingOptions(epochs: 4, batchSize: 32, learningRate: 0.01, snapshotEvery: 10))
    var events: [TrainingEvent] = []
    drain(trainer, into: &events) { $0.contains { if case .stopped = $0 { true } else { false } } }
    let result = try #require(trainer.wait())
    #expect(result.reason == .finished)
    #expect(!trainer.isRunning)
    #expect(result.completedSteps == 4 * 25)
    let last = try #require(result.history.epochs.last)
    #expect(try #require(last.testAccuracy) > 0.9, "\(result.history.epochs)")
    #expect(last.trainLoss < result.history.epochs[0].trainLoss)

    guard case .started(let plan) = events.first else {
      Issue.record("first event is not started")
      return
    }
    #expect(plan.stepsPerEpoch == 25 && plan.totalSteps == 100 && plan.testImages == 200)
    let epochEnds = events.filter { if case .epochEnd = $0 { true } else { false } }
    #expect(epochEnds.count == 4)
    let snapshots = events.compactMap { event -> [Tensor]? in
      if case .snapshot(_, let activations) = event { activations } else { nil }
    }
    #expect(snapshots.count == 10)
    #expect(snapshots.first?.map(\.shape) == [Self.data.test.shape, .flat(64), .flat(32), .flat(4)])
  }

  /// Same seed and threads: the same losses bit for bit; another shuffle seed: other losses.
  @Test func sameSeedGivesBitIdenticalLosses() throws {
    func losses(shuffleSeed: UInt64) throws -> [Float] {
      let options = TrainingOptions(
        batchSize: 16, limit: 20 * 16, testLimit: 0, threads: 2, seed: shuffleSeed)
      let result = try Trainer().run(model: try model(), data: Self.data, options: options)
      #expect(result.history.steps.count == 20)
      return result.history.steps.map(\.loss)
    }
    let a = try losses(shuffleSeed: 3)
    let b = try losses(shuffleSeed: 3)
    #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    #expect(try losses(shuffleSeed: 4) != a)
  }

  @Test func pauseHoldsAndResumeAndStopWork() throws {
    let trainer = Trainer()
    try trainer.start(
      model: try model(), data: Self.data, options: TrainingOptions(epochs: 1000, batchSize: 8))
    var events: [TrainingEvent] = []
    drain(trainer, into: &events) { $0.contains { if case .step = $0 { true } else { false } } }
    trainer.pause()
    drain(trainer, into: &events) { $0.contains { if case .paused = $0 { true } else { false } } }
    #expect(trainer.isPaused)
    let steps = trainer.history.steps.count
    Thread.sleep(forTimeInterval: 0.1)
    #expect(trainer.history.steps.count == steps)
    #expect(throws: TrainingError.alreadyRunning) {
      try trainer.start(model: try model(), data: Self.data, options: TrainingOptions())
    }
    trainer.resume()
    drain(trainer, into: &events) { _ in trainer.history.steps.count > steps + 2 }
    trainer.stop()
    let result = try #require(trainer.wait())
    #expect(result.reason == .userStopped)
    events += trainer.events.drain()
    let kinds = events.compactMap { event -> String? in
      switch event {
      case .paused: "paused"
      case .resumed: "resumed"
      case .stopped: "stopped"
      default: nil
      }
    }
    #expect(kinds == ["paused", "resumed", "stopped"])
    #expect(result.completedSteps < 1000 * 100)
  }

  @Test func stopWhilePausedEndsTheTraining() throws {
    let trainer = Trainer()
    try trainer.start(
      model: try model(), data: Self.data, options: TrainingOptions(epochs: 1000, batchSize: 8))
    trainer.pause()
    var events: [TrainingEvent] = []
    drain(trainer, into: &events) { $0.contains { if case .paused = $0 { true } else { false } } }
    trainer.stop()
    #expect(trainer.wait()?.reason == .userStopped)
  }

  /// lr = 1e9 on a linear model with MSE diverges to ±∞ within a few steps (a softmax output
  /// would saturate instead: its loss is clipped); training stops with a fault and the weights
  /// are those after the restored step, as an identical training of exactly that many steps
  /// leaves them.
  @Test func nanStopsWithTheLastGoodWeights() throws {
    let linear: [LayerSpec] = [.flatten, .dense(units: 4)]
    let m = try model(specs: linear)
    let options = TrainingOptions(
      epochs: 3, batchSize: 16, learningRate: 1e9, optimizer: .sgd, loss: .meanSquaredError,
      testLimit: 0, seed: 5)
    let result = try Trainer().run(model: m, data: Self.data, options: options)
    guard case .numericalFault(let fault) = result.reason else {
      Issue.record("expected a numerical fault, got \(result.reason)")
      return
    }
    let step = fault.step
    let message = fault.description
    let restored = try #require(result.restoredStep)
    // A faulty loss at step s leaves the copy kept at s − 1; a faulty update, the one kept at s.
    #expect(restored == step - 1 || restored == step - 2)
    #expect(message.contains("at step \(step)") && message.contains("lower the learning rate"))
    #expect(m.parameters.allSatisfy { $0.value.allSatisfy(\.isFinite) })

    // The oracle: the same steps by hand (same shuffle seed, loss and optimizer).
    let reference = try model(specs: linear)
    var batches = BatchIterator(data: Self.data.train, batchSize: 16, seed: 5)
    let sgd = SGD(learningRate: 1e9)
    let loss = MeanSquaredError(target: .oneHotLabels)
    let context = ComputeContext(mode: .training)
    var gradient = Tensor(batch: 0, shape: .flat(1))
    batches.startEpoch()
    for _ in 0..<restored {
      _ = batches.next()
      let outputs = reference.forward(batches.images, context: context)
      _ = loss.value(
        outputs: outputs, inputs: batches.images, labels: batches.labels, gradient: &gradient)
      reference.backward(gradient, context: context)
      sgd.step(parameters: reference.parameters)
    }
    for (a, b) in zip(m.parameters, reference.parameters) {
      #expect(a.value.map(\.bitPattern) == b.value.map(\.bitPattern))
    }
  }

  @Test func setupErrorsAreThrownBeforeAnythingRuns() throws {
    let trainer = Trainer()
    let wrong = Sequential()
    try wrong.setStack(input: .flat(64), specs: [.dense(units: 4, activation: .softmax)])
    #expect(throws: TrainingError.inputMismatch(model: .flat(64), data: Self.data.train.shape)) {
      try trainer.start(model: wrong, data: Self.data, options: TrainingOptions())
    }
    #expect(throws: TrainingError.self) {
      try trainer.setLearningRate(0)
    }
    #expect(!trainer.isRunning)
    #expect(trainer.wait() == nil)
  }

  @Test func learningRateChangesBetweenSteps() throws {
    let trainer = Trainer()
    var sawStep = false
    let result = try trainer.run(
      model: try model(), data: Self.data,
      options: TrainingOptions(batchSize: 100, learningRate: 0.01, optimizer: .sgd, testLimit: 0)
    ) { event in
      if case .step = event, !sawStep {
        sawStep = true
        try? trainer.setLearningRate(1e-9)
      }
    }
    // With lr ≈ 0 after step 1, later steps barely move the weights: losses stay close.
    let losses = result.history.steps.map(\.loss)
    #expect(losses.count == 8)
    #expect(abs(losses[7] - losses[2]) < 0.05)
  }

  @Test func boundaryTasksRunAtOnceWhenIdleAndBetweenBatchesWithoutPausing() throws {
    let trainer = Trainer()
    let idle = BoundaryBox()
    trainer.atNextBoundary { idle.set(-1) }
    #expect(idle.value == -1, "no training: the task runs at once")
    try trainer.start(
      model: try model(), data: Self.data, options: TrainingOptions(epochs: 1000, batchSize: 8))
    var events: [TrainingEvent] = []
    drain(trainer, into: &events) { _ in trainer.history.steps.count > 2 }
    let during = BoundaryBox()
    trainer.atNextBoundary { during.set(trainer.history.steps.count) }
    drain(trainer, into: &events) { _ in during.value != nil }
    #expect((during.value ?? 0) > 2, "ran on the training thread after some steps")
    trainer.stop()
    trainer.wait()
    events += trainer.events.drain()
    #expect(!events.contains { if case .paused = $0 { true } else { false } })
    let late = BoundaryBox()
    trainer.atNextBoundary { late.set(0) }
    #expect(late.value == 0, "after the end: at once again")
  }
}

/// A value set from a boundary task, read by the test.
private final class BoundaryBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Int?

  var value: Int? { lock.withLock { stored } }

  func set(_ newValue: Int) { lock.withLock { stored = newValue } }
}
