import Foundation

/// The state a ``Trainer`` shares between the caller's thread and the training thread, behind
/// one condition lock: whether a training runs, the stop and pause requests, pending settings
/// (learning rate, momentum, batch size), the history so far and the last result.
///
/// The training loop looks at the requests only at batch boundaries (``boundary(step:emit:)``),
/// the way a stop is a flag rather than an interruption.
final class TrainerControl: @unchecked Sendable {
  private let condition = NSCondition()
  private var running = false
  private var stopRequested = false
  private var pauseRequested = false
  private var pendingLearningRate: Float?
  private var pendingMomentum: Float?
  private var pendingBatchSize: Int?
  private var optimizer: OptimizerKind?
  private var recorded = TrainingHistory()
  private var result: TrainingResult?
  private var statistics: RowStatistics?
  private var boundaryTasks: [@Sendable () -> Void] = []

  private func locked<T>(_ body: () throws -> T) rethrows -> T {
    condition.lock()
    defer { condition.unlock() }
    return try body()
  }

  /// Marks a training as started, or refuses when one is running.
  func begin(optimizer kind: OptimizerKind) throws(TrainingError) {
    let started = locked { () -> Bool in
      guard !running else { return false }
      running = true
      stopRequested = false
      pauseRequested = false
      pendingLearningRate = nil
      pendingMomentum = nil
      pendingBatchSize = nil
      optimizer = kind
      recorded = TrainingHistory()
      statistics = nil
      return true
    }
    guard started else { throw .alreadyRunning }
  }

  /// Marks the training as over, runs the boundary tasks still queued and wakes every
  /// `waitUntilFinished`.
  func finish(_ final: TrainingResult) {
    let tasks = locked { () -> [@Sendable () -> Void] in
      result = final
      running = false
      condition.broadcast()
      defer { boundaryTasks = [] }
      return boundaryTasks
    }
    for task in tasks { task() }
  }

  /// Queues `task` for the next batch boundary and returns true, or returns false when no
  /// training runs (the caller may then touch the model itself).
  func atBoundary(_ task: @escaping @Sendable () -> Void) -> Bool {
    locked {
      guard running else { return false }
      boundaryTasks.append(task)
      return true
    }
  }

  /// Runs the queued boundary tasks (on the training thread, between two batches).
  private func runBoundaryTasks() {
    let tasks = locked { () -> [@Sendable () -> Void] in
      defer { boundaryTasks = [] }
      return boundaryTasks
    }
    for task in tasks { task() }
  }

  var isRunning: Bool { locked { running } }
  var isPaused: Bool { locked { running && pauseRequested } }
  var history: TrainingHistory { locked { recorded } }
  var lastResult: TrainingResult? { locked { result } }

  func requestStop() {
    locked {
      stopRequested = true
      condition.broadcast()
    }
  }

  func requestPause() { locked { if running { pauseRequested = true } } }

  func requestResume() {
    locked {
      pauseRequested = false
      condition.broadcast()
    }
  }

  func setLearningRate(_ rate: Float) { locked { pendingLearningRate = rate } }
  func setMomentum(_ momentum: Float) { locked { pendingMomentum = momentum } }
  func setBatchSize(_ size: Int) { locked { pendingBatchSize = size } }

  /// The optimizer of the running (or last) training.
  var optimizerKind: OptimizerKind? { locked { optimizer } }

  /// A new learning rate asked for since the last call, if any.
  func takeLearningRate() -> Float? {
    locked {
      defer { pendingLearningRate = nil }
      return pendingLearningRate
    }
  }

  /// A new momentum asked for since the last call, if any.
  func takeMomentum() -> Float? {
    locked {
      defer { pendingMomentum = nil }
      return pendingMomentum
    }
  }

  /// A new batch size asked for since the last call, if any.
  func takeBatchSize() -> Int? {
    locked {
      defer { pendingBatchSize = nil }
      return pendingBatchSize
    }
  }

  func record(step: StepProgress, learningRate: Float) {
    locked {
      recorded.steps.append(step)
      recorded.learningRates.append(learningRate)
    }
  }
  func record(change: SettingChange) { locked { recorded.changes.append(change) } }
  func record(epoch: EpochSummary) { locked { recorded.epochs.append(epoch) } }
  func record(statistics: RowStatistics) { locked { self.statistics = statistics } }

  /// The newest row statistics of the running (or last) training.
  var latestStatistics: RowStatistics? { locked { statistics } }

  /// Called by the loop between batches: blocks while paused (sending `paused`/`resumed`
  /// around the wait) and returns true when the training must stop. Returns how long it was
  /// paused, so the timings can leave that out.
  func boundary(step: Int, emit: (TrainingEvent) -> Void) -> (stop: Bool, pausedFor: Duration) {
    condition.lock()
    if !boundaryTasks.isEmpty {
      condition.unlock()
      runBoundaryTasks()
      condition.lock()
    }
    guard pauseRequested, !stopRequested else {
      defer { condition.unlock() }
      return (stopRequested, .zero)
    }
    condition.unlock()
    emit(.paused(step: step))
    let clock = ContinuousClock()
    let start = clock.now
    condition.lock()
    while pauseRequested && !stopRequested { condition.wait() }
    let stop = stopRequested
    condition.unlock()
    if !stop { emit(.resumed(step: step)) }
    return (stop, clock.now - start)
  }

  /// Blocks until no training runs; returns the last result.
  func waitUntilFinished() -> TrainingResult? {
    condition.lock()
    defer { condition.unlock() }
    while running { condition.wait() }
    return result
  }
}
