import Core
import Dispatch
import Foundation
import TestSupport
import Testing

/// `Trainer.join` waits for the training thread itself, not only for the result: a process may
/// exit after it without a thread left inside OpenBLAS (the segfault at `quit` it fixes).
@Suite struct TrainerJoinTests {
  static let data = DataSplits(
    name: "lines", train: SyntheticImages.lines(count: 100, seed: 1),
    test: SyntheticImages.lines(count: 20, seed: 2))

  /// The training thread is held inside a step (the observer waits on a gate); `stopAndJoin`
  /// on another thread must not return until the gate opens and the loop has ended.
  @Test func stopAndJoinWaitsForTheTrainingThreadToLeave() throws {
    let model = Sequential(seed: 3)
    try model.setStack(input: Self.data.train.shape, specs: [.flatten, .dense(units: 4)])
    let trainer = Trainer()
    let entered = DispatchSemaphore(value: 0)
    let gate = DispatchSemaphore(value: 0)
    let left = Flag()
    trainer.stepObserver = StepObserver(every: 1) { step in
      guard step == 1 else { return }
      entered.signal()
      gate.wait()
      left.set()  // the training thread is past the held step
    }
    try trainer.start(
      model: model, data: Self.data,
      options: TrainingOptions(epochs: 1000, batchSize: 8, optimizer: .sgd, testLimit: 0))
    entered.wait()

    let joined = DispatchSemaphore(value: 0)
    let joinedAfterTheThreadLeft = Flag()
    Thread.detachNewThread {
      trainer.stopAndJoin()
      if left.isSet { joinedAfterTheThreadLeft.set() }
      joined.signal()
    }
    // A join that does not wait returns while the thread is held: caught here. (A correct
    // join cannot return before the gate opens, however slow the machine.)
    #expect(joined.wait(timeout: .now() + 0.5) == .timedOut, "returned while a step ran")
    gate.signal()
    #expect(joined.wait(timeout: .now() + 60) == .success)
    #expect(joinedAfterTheThreadLeft.isSet)
    #expect(!trainer.isRunning)
    #expect(trainer.lastResult?.reason == .userStopped)
    #expect(trainer.events.drain().contains { if case .stopped = $0 { true } else { false } })
  }

  @Test func joinReturnsAtOnceWithoutATraining() {
    let trainer = Trainer()
    trainer.join()
    trainer.stopAndJoin()
    #expect(!trainer.isRunning)
  }
}

/// A flag set on one thread, read on another.
private final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false

  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }

  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }
}
