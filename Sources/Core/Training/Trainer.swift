import Dispatch

/// Trains a ``Sequential`` model on a data set, on its own background queue or synchronously.
///
/// Background use (the REPL's `train`, the TUI):
///
///     let trainer = Trainer()
///     try trainer.start(model: model, data: splits, options: options)   // returns at once
///     … on each UI tick: for event in trainer.events.drain() { … }
///     trainer.pause(); trainer.resume(); trainer.stop()                // take effect between batches
///     let result = trainer.wait()
///
/// Scripts use ``run(model:data:options:onEvent:)``, which blocks and returns the result.
/// Either way the model belongs to the trainer until the training ends (the session must not
/// edit or evaluate it meanwhile). Errors in the setup (shapes, options) are thrown by `start`
/// or `run` before anything runs; a NaN or infinite loss or weight ends the training with
/// ``StopReason/numericalFault(_:)`` and the last good weights restored.
public final class Trainer: @unchecked Sendable {
  /// Where a background training sends its events.
  public let events: EventChannel
  private let control = TrainerControl()
  private let queue = DispatchQueue(label: "cnnrepl.trainer", qos: .userInitiated)
  /// Runs on the training thread every N steps (see ``StepObserver``); set it between trainings.
  public var stepObserver: StepObserver?
  /// Times the layers and step phases of the trainings that follow (``LayerProfiler``); nil,
  /// the default, reads no clock. Set it between trainings.
  public var profiler: LayerProfiler?

  public init(events: EventChannel = EventChannel()) {
    self.events = events
  }

  /// Checks everything and starts training on the background queue; returns at once.
  public func start(model: Sequential, data: DataSplits, options: TrainingOptions)
    throws(TrainingError)
  {
    let loss = try Self.prepare(model: model, data: data, options: options)
    try control.begin(optimizer: options.optimizer)
    let control = self.control
    let events = self.events
    let observer = stepObserver
    let profiler = self.profiler
    queue.async {
      let loop = TrainingLoop(
        model: model, data: data, options: options, loss: loss, control: control,
        emit: { events.send($0) }, observer: observer, profiler: profiler)
      control.finish(loop.run())
    }
  }

  /// Trains on the calling thread until the end (or a `stop` from another thread) and returns
  /// the result. Events go to `onEvent` when given, else to ``events``.
  @discardableResult
  public func run(
    model: Sequential, data: DataSplits, options: TrainingOptions,
    onEvent: ((TrainingEvent) -> Void)? = nil
  ) throws(TrainingError) -> TrainingResult {
    let loss = try Self.prepare(model: model, data: data, options: options)
    try control.begin(optimizer: options.optimizer)
    let events = self.events
    let loop = TrainingLoop(
      model: model, data: data, options: options, loss: loss, control: control,
      emit: onEvent ?? { events.send($0) }, observer: stepObserver, profiler: profiler)
    let result = loop.run()
    control.finish(result)
    return result
  }

  /// Asks the training to stop at the next batch boundary (also ends a pause).
  public func stop() { control.requestStop() }

  /// Blocks until the background training queue is idle: a training started with ``start``
  /// has returned from its loop and run its last boundary tasks, so no thread of it is inside
  /// OpenBLAS any more. Returns at once when none runs. Never call it from the training thread
  /// (a ``StepObserver`` or a boundary task): it would wait for itself.
  ///
  /// ``wait()`` returns as soon as the result is known; `join` also waits for the thread to
  /// leave, which is what a process needs before it exits (exit-time destructors free
  /// OpenBLAS's buffers under a thread still in `sgemm`).
  public func join() { queue.sync {} }

  /// ``stop()`` then ``join()``: the way to end a training before the process exits.
  public func stopAndJoin() {
    stop()
    join()
  }

  /// Asks the training to wait at the next batch boundary until ``resume()`` or ``stop()``.
  public func pause() { control.requestPause() }

  public func resume() { control.requestResume() }

  /// Runs `task` where the weights are consistent: between two batches on the training thread
  /// while a training runs (no step waits for anything but `task` itself), else at once on the
  /// calling thread. Keep it short, e.g. copying the weights for a checkpoint.
  public func atNextBoundary(_ task: @escaping @Sendable () -> Void) {
    if !control.atBoundary(task) { task() }
  }

  /// Changes the learning rate from the next step on (`set lr=` during a training).
  public func setLearningRate(_ rate: Float) throws(TrainingError) {
    guard rate > 0, rate.isFinite else {
      throw .invalidOption(
        name: "lr", value: formatNumber(rate), hint: "use a positive learning rate such as 0.001")
    }
    control.setLearningRate(rate)
  }

  /// Changes the momentum `μ` from the next step on (`set momentum=` during a training);
  /// only a training with `opt=momentum` has one.
  public func setMomentum(_ momentum: Float) throws(TrainingError) {
    guard momentum >= 0, momentum < 1 else {
      throw .invalidOption(
        name: "momentum", value: formatNumber(momentum),
        hint: "use a momentum from 0 to below 1, such as 0.9")
    }
    let kind = control.optimizerKind
    guard kind == .momentum else {
      throw .invalidOption(
        name: "momentum", value: formatNumber(momentum),
        hint:
          "this training uses \(kind?.rawValue ?? "no optimizer"); momentum is for opt=momentum")
    }
    control.setMomentum(momentum)
  }

  /// Changes the batch size from the next epoch on (`set batch=` during a training).
  public func setBatchSize(_ size: Int) throws(TrainingError) {
    guard size >= 1 else {
      throw .invalidOption(name: "batch", value: "\(size)", hint: "use a batch of 1 or more")
    }
    control.setBatchSize(size)
  }

  /// Blocks until the current training (if any) ends; the last training's result.
  @discardableResult
  public func wait() -> TrainingResult? { control.waitUntilFinished() }

  public var isRunning: Bool { control.isRunning }

  /// True while a pause is asked for and the training has not ended.
  public var isPaused: Bool { control.isPaused }

  /// Steps and epochs of the current (or last) training so far.
  public var history: TrainingHistory { control.history }

  /// The newest ``TrainingEvent/statistics(_:)`` of the running or last training (nil before
  /// the first, or without `statisticsEvery`).
  public var latestStatistics: RowStatistics? { control.latestStatistics }

  /// The result of the last training that ended.
  public var lastResult: TrainingResult? { control.lastResult }

  /// Checks the model against the data and the options, and picks the loss.
  public static func prepare(model: Sequential, data: DataSplits, options: TrainingOptions)
    throws(TrainingError) -> any Loss
  {
    try Evaluator.checkCompatible(model: model, shape: data.train.shape)
    guard data.train.count > 0 else { throw .emptyData(split: "training") }
    try options.validate(data: data)
    guard let input = model.inputShape, let output = model.outputShape else { throw .emptyModel }
    let kind = options.loss ?? LossKind.automatic(input: input, output: output)
    return try kind.makeLoss(for: model, classes: data.train.classNames.count)
  }
}
