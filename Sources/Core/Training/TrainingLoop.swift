/// One training from start to stop: epochs of shuffled mini-batches, forward, loss, backward,
/// optimizer step, with events sent through `emit` on the thread that runs it.
///
/// A step `s` (1-based over the whole training) is:
///
///     outputs = model(x)             in training mode (conv + maxpool 2 fused, same values)
///     L, g    = loss(outputs, y)     stop with a fault if L is NaN or ±∞
///     keep a copy of the weights     every `checkpointEvery` steps: weights after s − 1 updates
///     model.backward(g)              through the final softmax or not (fused CE); no dL/dx
///     optimizer.step                 stop with a fault if a weight is NaN or ±∞
///
/// Settings asked for from another thread (``TrainerControl``) are taken at step boundaries:
/// the learning rate and momentum before the next step, the batch size before the next epoch;
/// each change is sent as ``TrainingEvent/changed(_:)`` and kept in the history. The learning
/// rate of step `s` is `base · schedule.factor(s)`; `set lr=X` makes it `X` at once by setting
/// `base = X / factor`.
///
/// On a fault, every parameter gets its kept copy back, so the model is left with weights that
/// gave a finite loss. Copying is a memcpy of all parameters (0.4 MB for keras-mnist), far
/// below the cost of a step.
struct TrainingLoop {
  let model: Sequential
  let data: DataSplits
  let options: TrainingOptions
  let loss: any Loss
  let control: TrainerControl
  let emit: (TrainingEvent) -> Void
  var observer: StepObserver? = nil
  /// Times every unit and step phase when set (``LayerProfiler``); nil reads no clock.
  var profiler: LayerProfiler? = nil

  func run() -> TrainingResult {
    var run = Run(loop: self)
    emit(.started(run.plan))
    for epoch in 1...options.epochs {
      let epochStart = run.clock.now
      let pausedBefore = run.paused
      run.takeBatchSize(epoch: epoch)
      run.batches.startEpoch()
      var tally = EpochTally()
      while true {
        run.takeRequestedRates(epoch: epoch)
        let boundary = control.boundary(step: run.step, emit: emit)
        run.paused += boundary.pausedFor
        if boundary.stop { return run.finish(.userStopped) }
        let stepStart = profiler?.now()
        guard run.batches.next() else { break }
        if let stepStart { profiler?.record(.data, since: stepStart) }
        run.step += 1
        tally.steps += 1
        run.followSchedule(epoch: epoch)
        if let fault = run.trainStep(epoch: epoch, tally: &tally) { return fault }
        if let stepStart {
          profiler?.recordStep(images: run.batches.images.batch, since: stepStart)
        }
      }
      let summary = epochSummary(tally, epoch: epoch, test: run.test)
      run.history.epochs.append(summary)
      control.record(epoch: summary)
      if let observer, run.step % observer.every != 0 { observer.body(run.step) }
      let seconds = Self.seconds(run.clock.now - epochStart - (run.paused - pausedBefore))
      emit(.epochEnd(summary, seconds: seconds))
    }
    return run.finish(.finished)
  }

  /// Sums over one epoch's steps so far.
  private struct EpochTally {
    var steps = 0
    var loss = 0.0
    var images = 0
    var correct = 0
  }

  /// The training's state between steps: the batches, optimizer, kept weights, history, clock.
  private struct Run {
    let loop: TrainingLoop
    let context: ComputeContext
    var batches: BatchIterator
    let optimizer: any Optimizer
    /// The learning rate before the schedule's factor (`set lr=X` changes it).
    var baseRate: Float
    let parameters: [Parameter]
    /// Weights after `keptStep` updates, restored on a fault.
    var kept: [[Float]]
    var keptStep = 0
    let test: ImageSet
    let plan: TrainingPlan
    var totalSteps: Int
    var history = TrainingHistory()
    var gradient = Tensor(batch: 0, shape: .flat(1))
    var step = 0
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    var paused = Duration.zero
    var imagesDone = 0

    init(loop: TrainingLoop) {
      let options = loop.options
      self.loop = loop
      context = ComputeContext(
        mode: .training, threads: options.threads, profiler: loop.profiler)
      batches = BatchIterator(
        data: loop.data.train, batchSize: options.batchSize, limit: options.limit,
        normalization: loop.data.normalization, seed: options.seed)
      optimizer = options.optimizer.make(
        learningRate: options.effectiveLearningRate, weightDecay: options.weightDecay,
        momentum: options.momentum)
      baseRate = options.effectiveLearningRate
      parameters = loop.model.parameters
      kept = parameters.map(\.value)
      test = loop.data.test.prefix(options.testLimit ?? loop.data.test.count)
      plan = TrainingPlan(
        epochs: options.epochs, stepsPerEpoch: batches.stepsPerEpoch,
        batchSize: options.batchSize, trainingImages: batches.count, testImages: test.count,
        optimizer: options.optimizer, learningRate: optimizer.learningRate,
        loss: loop.loss.kind, isClassifier: loop.loss.isClassifier, schedule: options.schedule)
      totalSteps = plan.totalSteps
      start = clock.now
    }

    func finish(_ reason: StopReason, restored: Int? = nil) -> TrainingResult {
      let completed = restored == nil ? step : step - 1
      let result = TrainingResult(
        reason: reason, history: history, completedSteps: completed, restoredStep: restored)
      loop.emit(.stopped(reason))
      return result
    }

    mutating func note(_ change: SettingChange) {
      history.changes.append(change)
      loop.control.record(change: change)
      loop.emit(.changed(change))
    }

    /// Puts the kept weights back and stops with `what` went wrong.
    func fault(_ what: String, epoch: Int) -> TrainingResult {
      for (parameter, copy) in zip(parameters, kept) { parameter.value = copy }
      let fault = NumericalFault(
        what: what, step: step, epoch: epoch, restoredStep: keptStep,
        learningRate: optimizer.learningRate)
      return finish(.numericalFault(fault), restored: keptStep)
    }

    /// A batch size asked for during the last epoch, from this epoch on.
    mutating func takeBatchSize(epoch: Int) {
      guard let size = loop.control.takeBatchSize(), size != batches.batchSize else { return }
      note(
        SettingChange(
          setting: .batchSize, from: Double(batches.batchSize), to: Double(size), step: step + 1))
      batches.setBatchSize(size)
      totalSteps = step + batches.stepsPerEpoch * (loop.options.epochs - epoch + 1)
    }

    /// A learning rate or momentum asked for since the last step, from the next step on.
    mutating func takeRequestedRates(epoch: Int) {
      if let rate = loop.control.takeLearningRate() {
        let factor = loop.options.schedule.factor(
          step: step + 1, totalSteps: totalSteps, epoch: epoch)
        baseRate = factor > 0 ? rate / factor : rate
        note(
          SettingChange(
            setting: .learningRate, from: Double(optimizer.learningRate), to: Double(rate),
            step: step + 1))
        optimizer.learningRate = rate
      }
      if let mu = loop.control.takeMomentum(), let momentum = optimizer as? Momentum,
        mu != momentum.momentum
      {
        note(
          SettingChange(
            setting: .momentum, from: Double(momentum.momentum), to: Double(mu), step: step + 1))
        momentum.momentum = mu
      }
    }

    /// This step's learning rate from the schedule (a step schedule's drops are noted).
    mutating func followSchedule(epoch: Int) {
      let schedule = loop.options.schedule
      let scheduled = baseRate * schedule.factor(step: step, totalSteps: totalSteps, epoch: epoch)
      guard scheduled != optimizer.learningRate else { return }
      if case .step = schedule {
        note(
          SettingChange(
            setting: .learningRate, from: Double(optimizer.learningRate),
            to: Double(scheduled), step: step, byUser: false))
      }
      optimizer.learningRate = scheduled
    }

    /// Forward, loss, backward and update on the current batch, then its progress event; a
    /// result when the loss or a weight stops being finite.
    mutating func trainStep(epoch: Int, tally: inout EpochTally) -> TrainingResult? {
      let (model, loss, options) = (loop.model, loop.loss, loop.options)
      let x = batches.images
      let labels = batches.labels
      let profiler = context.profiler
      var start = profiler?.now()
      let outputs = model.forwardForTraining(x, context: context)
      if let started = start {
        profiler?.record(.forward, since: started)
        start = profiler?.now()
      }
      let value = loss.value(outputs: outputs, inputs: x, labels: labels, gradient: &gradient)
      if let started = start { profiler?.record(.loss, since: started) }
      guard value.isFinite else { return fault("the loss became \(value)", epoch: epoch) }
      if (step - 1) % options.checkpointEvery == 0 {
        for (i, parameter) in parameters.enumerated() {
          TrainingLoop.copy(parameter.value, into: &kept[i])
        }
        keptStep = step - 1
      }
      start = profiler?.now()
      model.backwardForTraining(
        gradient, context: context, throughFinalActivation: loss.throughFinalActivation)
      if let started = start {
        profiler?.record(.backward, since: started)
        start = profiler?.now()
      }
      optimizer.step(parameters: parameters)
      if let started = start { profiler?.record(.optimizer, since: started) }
      guard parameters.allSatisfy(TrainingLoop.isFinite) else {
        return fault("a weight became NaN or infinite", epoch: epoch)
      }
      if let observer = loop.observer, step % observer.every == 0 { observer.body(step) }

      tally.loss += Double(value) * Double(x.batch)
      tally.images += x.batch
      imagesDone += x.batch
      if loss.isClassifier { tally.correct += Accuracy.correctCount(outputs: outputs, labels: labels) }
      report(value, epoch: epoch, tally: tally)
      if let every = options.statisticsEvery, step % every == 0 {
        let statistics = TrainingLoop.statistics(
          model: model, batch: x, labels: labels, loss: loss, options: options, step: step)
        loop.control.record(statistics: statistics)
        loop.emit(.statistics(statistics))
      }
      return nil
    }

    /// The step's progress and timing, to the history, the control and the events.
    mutating func report(_ value: Float, epoch: Int, tally: EpochTally) {
      let isClassifier = loop.loss.isClassifier
      let progress = StepProgress(
        epoch: epoch, step: tally.steps, stepsPerEpoch: batches.stepsPerEpoch, globalStep: step,
        loss: value, runningLoss: Float(tally.loss / Double(tally.images)),
        runningAccuracy: isClassifier ? Float(tally.correct) / Float(tally.images) : nil)
      let active = TrainingLoop.seconds(clock.now - start - paused)
      let timing = TrainingTiming(
        imagesPerSecond: active > 0 ? Double(imagesDone) / active : 0,
        eta: active / Double(step) * Double(max(0, totalSteps - step)))
      history.steps.append(progress)
      history.learningRates.append(optimizer.learningRate)
      loop.control.record(step: progress, learningRate: optimizer.learningRate)
      loop.emit(.step(progress, timing: timing))
      if let every = loop.options.snapshotEvery, step % every == 0 {
        loop.emit(.snapshot(step: step, activations: loop.probeActivations()))
      }
    }
  }

  /// The epoch's training numbers and, with test images, its evaluation.
  private func epochSummary(_ tally: EpochTally, epoch: Int, test: ImageSet) -> EpochSummary {
    var summary = EpochSummary(
      epoch: epoch, trainLoss: tally.images > 0 ? Float(tally.loss / Double(tally.images)) : 0,
      trainAccuracy: loss.isClassifier && tally.images > 0
        ? Float(tally.correct) / Float(tally.images) : nil,
      testLoss: nil, testAccuracy: nil)
    if test.count > 0 {
      let result = Evaluator(batchSize: options.evaluationBatchSize, threads: options.threads)
        .evaluate(model: model, data: test, normalization: data.normalization, loss: loss)
      summary.testLoss = result.loss
      summary.testAccuracy = result.accuracy
    }
    return summary
  }

  /// ``RowStatistics`` of the first `statisticsImages` images of the batch `x`.
  private static func statistics(
    model: Sequential, batch x: Tensor, labels: [Int], loss: any Loss, options: TrainingOptions,
    step: Int
  ) -> RowStatistics {
    let n = min(options.statisticsImages, x.batch)
    let images =
      n == x.batch
      ? x : Tensor(batch: n, shape: x.shape, storage: Array(x.storage.prefix(n * x.sampleCount)))
    return RowStatistics.measure(
      model: model, batch: images, labels: Array(labels.prefix(n)), loss: loss,
      threads: options.threads, step: step)
  }

  /// The probe image's activations after every row, in inference mode.
  private func probeActivations() -> [Tensor] {
    let source = data.test.count > 0 ? data.test : data.train
    var image = Tensor(batch: 0, shape: source.shape)
    var labels: [Int] = []
    source.gather(
      CollectionOfOne(options.probeIndex), normalization: data.normalization, into: &image,
      labels: &labels)
    return model.forwardCollecting(image, context: ComputeContext(mode: .inference, threads: 1))
  }

  /// Overwrites `target` with `source` without allocating when the sizes match.
  private static func copy(_ source: [Float], into target: inout [Float]) {
    guard target.count == source.count else {
      target = source
      return
    }
    source.withUnsafeBufferPointer { s in
      target.withUnsafeMutableBufferPointer { t in
        guard let from = s.baseAddress, let to = t.baseAddress else { return }
        to.update(from: from, count: s.count)
      }
    }
  }

  private static func isFinite(_ parameter: Parameter) -> Bool {
    parameter.value.withUnsafeBufferPointer { values in
      var sum: Float = 0
      for v in values { sum += v * 0 }
      return sum == 0
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
