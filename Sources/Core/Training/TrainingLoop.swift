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

  func run() -> TrainingResult {
    let context = ComputeContext(mode: .training, threads: options.threads)
    var batches = BatchIterator(
      data: data.train, batchSize: options.batchSize, limit: options.limit,
      normalization: data.normalization, seed: options.seed)
    let optimizer = options.optimizer.make(
      learningRate: options.effectiveLearningRate, weightDecay: options.weightDecay,
      momentum: options.momentum)
    var baseRate = options.effectiveLearningRate
    let parameters = model.parameters
    var kept = parameters.map(\.value)
    var keptStep = 0
    let test = data.test.prefix(options.testLimit ?? data.test.count)
    let plan = TrainingPlan(
      epochs: options.epochs, stepsPerEpoch: batches.stepsPerEpoch, batchSize: options.batchSize,
      trainingImages: batches.count, testImages: test.count, optimizer: options.optimizer,
      learningRate: optimizer.learningRate, loss: loss.kind, isClassifier: loss.isClassifier,
      schedule: options.schedule)
    emit(.started(plan))
    var totalSteps = plan.totalSteps

    var history = TrainingHistory()
    var gradient = Tensor(batch: 0, shape: .flat(1))
    var step = 0
    let clock = ContinuousClock()
    let start = clock.now
    var paused = Duration.zero
    var imagesDone = 0

    func finish(_ reason: StopReason, restored: Int? = nil) -> TrainingResult {
      let completed = restored == nil ? step : step - 1
      let result = TrainingResult(
        reason: reason, history: history, completedSteps: completed, restoredStep: restored)
      emit(.stopped(reason))
      return result
    }
    func note(_ change: SettingChange) {
      history.changes.append(change)
      control.record(change: change)
      emit(.changed(change))
    }
    func fault(_ what: String, epoch: Int) -> TrainingResult {
      for (parameter, copy) in zip(parameters, kept) { parameter.value = copy }
      let fault = NumericalFault(
        what: what, step: step, epoch: epoch, restoredStep: keptStep,
        learningRate: optimizer.learningRate)
      return finish(.numericalFault(fault), restored: keptStep)
    }

    for epoch in 1...options.epochs {
      let epochStart = clock.now
      let pausedBefore = paused
      if let size = control.takeBatchSize(), size != batches.batchSize {
        note(
          SettingChange(
            setting: .batchSize, from: Double(batches.batchSize), to: Double(size), step: step + 1))
        batches.setBatchSize(size)
        totalSteps = step + batches.stepsPerEpoch * (options.epochs - epoch + 1)
      }
      batches.startEpoch()
      var epochLoss = 0.0
      var epochImages = 0
      var epochCorrect = 0
      var stepInEpoch = 0
      while true {
        if let rate = control.takeLearningRate() {
          let factor = options.schedule.factor(step: step + 1, totalSteps: totalSteps, epoch: epoch)
          baseRate = factor > 0 ? rate / factor : rate
          note(
            SettingChange(
              setting: .learningRate, from: Double(optimizer.learningRate), to: Double(rate),
              step: step + 1))
          optimizer.learningRate = rate
        }
        if let mu = control.takeMomentum(), let momentum = optimizer as? Momentum,
          mu != momentum.momentum
        {
          note(
            SettingChange(
              setting: .momentum, from: Double(momentum.momentum), to: Double(mu), step: step + 1))
          momentum.momentum = mu
        }
        let boundary = control.boundary(step: step, emit: emit)
        paused += boundary.pausedFor
        if boundary.stop { return finish(.userStopped) }
        guard batches.next() else { break }
        step += 1
        stepInEpoch += 1
        let scheduled =
          baseRate * options.schedule.factor(step: step, totalSteps: totalSteps, epoch: epoch)
        if scheduled != optimizer.learningRate {
          if case .step = options.schedule {
            note(
              SettingChange(
                setting: .learningRate, from: Double(optimizer.learningRate),
                to: Double(scheduled), step: step, byUser: false))
          }
          optimizer.learningRate = scheduled
        }
        let x = batches.images
        let labels = batches.labels
        let outputs = model.forwardForTraining(x, context: context)
        let value = loss.value(outputs: outputs, inputs: x, labels: labels, gradient: &gradient)
        guard value.isFinite else { return fault("the loss became \(value)", epoch: epoch) }
        if (step - 1) % options.checkpointEvery == 0 {
          for (i, parameter) in parameters.enumerated() { Self.copy(parameter.value, into: &kept[i]) }
          keptStep = step - 1
        }
        model.backwardForTraining(
          gradient, context: context, throughFinalActivation: loss.throughFinalActivation)
        optimizer.step(parameters: parameters)
        guard parameters.allSatisfy(Self.isFinite) else {
          return fault("a weight became NaN or infinite", epoch: epoch)
        }
        if let observer, step % observer.every == 0 { observer.body(step) }

        epochLoss += Double(value) * Double(x.batch)
        epochImages += x.batch
        imagesDone += x.batch
        if loss.isClassifier { epochCorrect += Accuracy.correctCount(outputs: outputs, labels: labels) }
        let progress = StepProgress(
          epoch: epoch, step: stepInEpoch, stepsPerEpoch: batches.stepsPerEpoch, globalStep: step,
          loss: value, runningLoss: Float(epochLoss / Double(epochImages)),
          runningAccuracy: loss.isClassifier ? Float(epochCorrect) / Float(epochImages) : nil)
        let active = Self.seconds(clock.now - start - paused)
        let timing = TrainingTiming(
          imagesPerSecond: active > 0 ? Double(imagesDone) / active : 0,
          eta: active / Double(step) * Double(max(0, totalSteps - step)))
        history.steps.append(progress)
        history.learningRates.append(optimizer.learningRate)
        control.record(step: progress, learningRate: optimizer.learningRate)
        emit(.step(progress, timing: timing))
        if let every = options.snapshotEvery, step % every == 0 {
          emit(.snapshot(step: step, activations: probeActivations()))
        }
      }
      var summary = EpochSummary(
        epoch: epoch, trainLoss: epochImages > 0 ? Float(epochLoss / Double(epochImages)) : 0,
        trainAccuracy: loss.isClassifier && epochImages > 0
          ? Float(epochCorrect) / Float(epochImages) : nil,
        testLoss: nil, testAccuracy: nil)
      if test.count > 0 {
        let result = Evaluator(batchSize: options.evaluationBatchSize, threads: options.threads).evaluate(
          model: model, data: test, normalization: data.normalization, loss: loss)
        summary.testLoss = result.loss
        summary.testAccuracy = result.accuracy
      }
      history.epochs.append(summary)
      control.record(epoch: summary)
      if let observer, step % observer.every != 0 { observer.body(step) }
      emit(.epochEnd(summary, seconds: Self.seconds(clock.now - epochStart - (paused - pausedBefore))))
    }
    return finish(.finished)
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
