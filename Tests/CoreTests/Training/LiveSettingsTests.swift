import Core
import Foundation
import TestSupport
import Testing

/// `set lr=`, `set momentum=`, `set batch=` and schedules inside the training loop. The
/// synchronous `run` calls `onEvent` on the training thread, so asking for a change from it
/// is exactly "between two steps": deterministic, no sleeps.
@Suite struct LiveSettingsTests {
  static let data = DataSplits(
    name: "lines", train: SyntheticImages.lines(count: 160, seed: 1),
    test: SyntheticImages.lines(count: 40, seed: 2))

  private func model() throws -> Sequential {
    let model = Sequential(seed: 7)
    try model.setStack(
      input: Self.data.train.shape, specs: [.flatten, .dense(units: 4, activation: .softmax)])
    return model
  }

  @Test func learningRateChangeTakesEffectAtTheNextStep() throws {
    let trainer = Trainer()
    var changes: [SettingChange] = []
    let result = try trainer.run(
      model: try model(), data: Self.data,
      options: TrainingOptions(epochs: 2, batchSize: 16, learningRate: 0.01, optimizer: .sgd)
    ) { event in
      if case .step(let step, _) = event, step.globalStep == 5 {
        try? trainer.setLearningRate(0.001)
      }
      if case .changed(let change) = event { changes.append(change) }
    }
    let rates = result.history.learningRates
    #expect(rates.count == 20)
    #expect(rates[..<5].allSatisfy { $0 == 0.01 } && rates[5...].allSatisfy { $0 == 0.001 })
    #expect(changes.map(\.description) == ["lr 0.01 → 0.001 at step 6"])
    #expect(result.history.changes == changes && trainer.history.learningRates == rates)
  }

  /// A batch change asked for in epoch 1 waits for epoch 2: 10 steps of 16, then 5 of 32.
  @Test func batchChangeWaitsForTheNextEpoch() throws {
    let trainer = Trainer()
    let result = try trainer.run(
      model: try model(), data: Self.data,
      options: TrainingOptions(epochs: 2, batchSize: 16, learningRate: 0.01)
    ) { event in
      if case .step(let step, _) = event, step.globalStep == 3 { try? trainer.setBatchSize(32) }
    }
    let perEpoch = result.history.steps.map(\.stepsPerEpoch)
    #expect(perEpoch == Array(repeating: 10, count: 10) + Array(repeating: 5, count: 5))
    #expect(result.history.changes.map(\.description) == ["batch 16 → 32 at step 11"])
  }

  @Test func momentumOnlyForTheMomentumOptimizer() throws {
    let trainer = Trainer()
    var refused: (any Error)?
    let result = try trainer.run(
      model: try model(), data: Self.data,
      options: TrainingOptions(epochs: 1, batchSize: 16, learningRate: 0.01, optimizer: .momentum)
    ) { event in
      if case .step(let step, _) = event, step.globalStep == 2 { try? trainer.setMomentum(0.5) }
    }
    #expect(result.history.changes.map(\.description) == ["momentum 0.9 → 0.5 at step 3"])
    let adam = Trainer()
    _ = try adam.run(
      model: try model(), data: Self.data, options: TrainingOptions(epochs: 1, optimizer: .adam)
    ) { event in
      if case .step(let step, _) = event, step.globalStep == 1 {
        do { try adam.setMomentum(0.5) } catch { refused = error }
      }
    }
    #expect(refused != nil)
  }

  /// step:1:0.5 over 3 epochs of 10 steps: 0.01, 0.005, 0.0025, with two schedule changes;
  /// cosine falls from lr at step 1 and a `set lr` mid-run rescales the rest.
  @Test func schedulesSetTheRatePerStep() throws {
    let stepped = try Trainer().run(
      model: try model(), data: Self.data,
      options: TrainingOptions(
        epochs: 3, batchSize: 16, learningRate: 0.01, schedule: .step(every: 1, factor: 0.5)))
    let rates = stepped.history.learningRates
    #expect(rates[0] == 0.01 && rates[10] == 0.005 && rates[29] == 0.0025)
    #expect(
      stepped.history.changes.map(\.description) == [
        "lr 0.01 → 0.005 at step 11 (schedule)", "lr 0.005 → 0.0025 at step 21 (schedule)",
      ])
    let trainer = Trainer()
    let cosine = try trainer.run(
      model: try model(), data: Self.data,
      options: TrainingOptions(epochs: 2, batchSize: 16, learningRate: 0.01, schedule: .cosine)
    ) { event in
      if case .step(let step, _) = event, step.globalStep == 10 {
        try? trainer.setLearningRate(0.1)
      }
    }
    let c = cosine.history.learningRates
    #expect(c[0] == 0.01 && abs(c[5] - 0.01 * 0.5 * (1 + Float(cos(Double.pi * 5 / 20)))) < 1e-7)
    #expect(zip(c[..<10], c[1..<10]).allSatisfy { $0 > $1 })
    #expect(abs(c[10] - 0.1) < 1e-7 && c[19] < c[11])
    #expect(cosine.history.changes.count == 1)
  }
}
