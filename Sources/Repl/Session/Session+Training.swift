import Core
import Foundation
import ModelFiles
import Rendering

/// Training, evaluation and data access for the commands of the `training` family.
extension Session {
  /// The ``modelLockReason`` while a background training owns the model.
  public static let trainingLockReason = "a training is running"

  /// True while a background training runs.
  public var isTraining: Bool { trainer.isRunning }

  /// Releases the model once a background training has ended (called before every command).
  public func settleTraining() {
    if modelLockReason == Self.trainingLockReason, !trainer.isRunning { modelLockReason = nil }
    recordFinishedBackgroundTraining()
    if trainingReplay?.awaitingResult == true, !trainer.isRunning, let result = trainer.lastResult {
      trainingReplay?.awaitingResult = false
      if result.reason != .finished || !result.history.changes.isEmpty {
        trainingReplay?.everyTrainingFinished = false
      }
      if let last = trainingPhases.indices.last, trainingPhases[last].completedSteps == nil {
        trainingPhases[last].changes = result.history.changes.filter(\.byUser)
        trainingPhases[last].completedSteps = result.completedSteps
        trainingPhases[last].finished = result.reason == .finished
      }
    }
  }

  /// The warning for a `batchnorm` on one value per channel (after `dense` or `gap`) when a
  /// step will hold a single image: its batch variance is 0, so it outputs its bias alone and
  /// nothing below it learns. nil when no step is that small or no such batchnorm exists.
  func singleImageBatchNormWarning(_ training: TrainingOptions, images: Int) -> String? {
    let batch = training.batchSize
    guard images > 0, batch == 1 || images % batch == 1 else { return nil }
    let rows = model.specs.indices.filter { i in
      model.specs[i].layer.kind == .batchNorm
        && model.mainInputShape(ofRow: i + 1).height * model.mainInputShape(ofRow: i + 1).width == 1
    }
    guard let row = rows.first else { return nil }
    let when = batch == 1 ? "batch=1" : "the last step of each epoch holds 1 image (\(images) % \(batch))"
    return "warning: \(when): `batchnorm` on row \(row + 1) sees one value per channel, so its "
      + "variance is 0 and it passes only its bias: nothing below it learns from that step; "
      + "use batch=2 or more"
  }

  /// Whether a new training adds to ``trainCommands`` (nothing they depend on changed).
  var continuesTrainings: Bool {
    guard let replay = trainingReplay, !trainCommands.isEmpty else { return false }
    return replay.stillDescribes(self)
  }

  /// The replay record a training on a changed model (or seed, threads or data) starts from,
  /// noting whether its weights are a fresh draw; call while the session owns the weights.
  func freshTrainingReplay() -> TrainingReplay {
    // A model whose trained layers are all gone starts from what the script draws, or not.
    TrainingReplay(
      modelChange: model.changeCount, seed: seed, threads: threads, dataCommand: dataCommand,
      startedFromFreshDraw: weightsAreAFreshDraw(), awaitingResult: true)
  }

  /// Once a training started: `fresh` (from ``freshTrainingReplay()``) starts the list of
  /// `train` lines afresh; nil adds to it.
  func recordTrainingStart(_ fresh: TrainingReplay?) {
    if let fresh {
      trainCommands = []
      trainingReplay = fresh
    } else {
      trainingReplay?.awaitingResult = true
    }
    trainingReplay?.noteTrained(model)
  }

  /// Drains the background training's events into printable lines and a progress text.
  ///
  /// One drainer at a time: line mode's idle handler, `wait`, or the TUI.
  public func drainTraining() -> TrainingFeed.Update {
    trainingFeed.consume(trainer.events.drain())
  }

  /// Refuses `command` while a background training owns the model.
  public func requireIdleModel(_ command: String) throws(CommandError) {
    settleTraining()
    guard !trainer.isRunning else {
      throw .refused(
        command: command, problem: "a training is running",
        hint: "`wait` for it to end or `stop` it first")
    }
  }

  /// Refuses `command` when `images` images of the model through `pass` would pass the memory
  /// budget (``SessionOptions/memoryBudget``), with the arithmetic and a batch that fits.
  public func requireMemory(_ command: String, images: Int, pass: MemoryPass)
    throws(CommandError)
  {
    guard images > 0 else { return }
    do {
      try options.memoryBudget.check(MemoryNeed(summary: model.summary, images: images, pass: pass))
    } catch {
      throw Self.refusal(command, error)
    }
  }

  /// Most images an inference batch of `command` may hold within the memory budget, at most
  /// `preferred`; refuses when not even one image fits.
  public func inferenceBatch(_ command: String, preferred: Int) throws(CommandError) -> Int {
    let need = MemoryNeed(summary: model.summary, images: 1, pass: .inference)
    let fits = need.largestBatch(within: options.memoryBudget)
    guard fits >= 1 else { try requireMemory(command, images: 1, pass: .inference); return 1 }
    return max(1, min(preferred, fits))
  }

  /// The loaded data set, or a refusal naming `command`.
  public func requireData(_ command: String) throws(CommandError) -> DataSplits {
    guard let data else {
      throw .refused(
        command: command, problem: "no data set is loaded",
        hint: "load one with `data mnist` (or `data bars`)")
    }
    return data
  }

  /// Trains the model on the loaded data: in the background (returns at once) when
  /// ``trainsInBackground`` and typed at the prompt, else blocking with one line per epoch and
  /// a loss chart at the end (scripts block everywhere, so their next lines see the trained
  /// model; Ctrl-C still stops through ``interruptCheck``).
  ///
  /// Everything that can be checked (data, model, output size against the classes, options) is
  /// refused before any step runs. `command` is the normalised line `save` records.
  public func train(_ training: TrainingOptions, command: String, output: any Presenter)
    throws(CommandError)
  {
    try requireIdleModel("train")
    let data = try requireData("train")
    var training = training
    let images = min(training.limit ?? data.train.count, data.train.count)
    try requireMemory("train", images: min(training.batchSize, images), pass: .training)
    if let warning = singleImageBatchNormWarning(training, images: images) {
      output.present(.text([warning]))
    }
    training.evaluationBatchSize = try inferenceBatch("train", preferred: 256)
    _ = trainer.events.drain()
    trainingFeed = TrainingFeed(showTimings: options.showTimings, epochs: training.epochs)
    // Read before the trainer owns the weights.
    let fresh = continuesTrainings ? nil : freshTrainingReplay()
    let startWeights = fresh == nil ? nil : ModelCheckpoint.tensors(of: model)
    var phase = TrainingPhase(options: training, loss: training.loss ?? .crossEntropy)
    if training.loss == nil, let input = model.inputShape, let output = model.outputShape {
      phase.loss = LossKind.automatic(input: input, output: output)
    }
    do {
      try trainer.start(model: model, data: data, options: training)
    } catch {
      throw Self.refusal("train", error)
    }
    recordTrainingStart(fresh)
    if let startWeights {
      trainingPhases = []
      weightsBeforeTraining = startWeights
    }
    trainingPhases.append(phase)
    trainCommands.append(command)
    lastLoss = training.loss
    if trainsInBackground, !isRunningScript {
      modelLockReason = Self.trainingLockReason
      recordBackgroundTrainingInCurrentCell()
      output.present(
        .text(["training in the background: `status`, `wait`, `pause`, `stop` (or Ctrl-C)"]))
      return
    }
    waitForTraining(output: output)
    if let chart = TrainingReport.lossFigure(trainer.history, style: chartStyle) {
      output.present(.chart(chart))
    }
    // A script's `train` that ended on NaN or infinity did not do what it said: an error, so
    // `run` stops (or, with --keep-going, exits 1 at the end).
    if case .numericalFault(let fault) = trainer.lastResult?.reason {
      throw .refused(
        command: "train", problem: "the training did not finish: \(fault.problem)",
        hint: "the weights are those before it; lower lr= and train again")
    }
  }

  /// Blocks until the background training ends, printing its lines; Ctrl-C (through
  /// ``interruptCheck``) stops it.
  public func waitForTraining(output: any Presenter) {
    while trainer.isRunning {
      if interruptCheck?() == true { trainer.stop() }
      let update = drainTraining()
      if !update.lines.isEmpty { output.present(.text(update.lines)) }
      Thread.sleep(forTimeInterval: 0.05)
    }
    let update = drainTraining()
    if !update.lines.isEmpty { output.present(.text(update.lines)) }
    settleTraining()
  }

  /// Evaluates the model on one split with the loss of the last training.
  public func evaluate(split: String, command: String) throws(CommandError) -> EvaluationResult {
    try requireIdleModel(command)
    let data = try requireData(command)
    let set = split == "train" ? data.train : data.test
    guard set.count > 0 else {
      throw .refused(
        command: command, problem: "the \(split) split has no images",
        hint: "use the other split or load a data set with both")
    }
    let batch = try inferenceBatch(command, preferred: 256)
    do {
      return try Evaluator(batchSize: batch, threads: threads).evaluate(
        model: model, data: set, normalization: data.normalization, loss: lastLoss)
    } catch {
      throw Self.refusal(command, error)
    }
  }

  /// A Core or Datasets error as a refusal naming `command`: a ``StudentFacingError`` gives its
  /// problem and hint; anything else (not expected) its description, with `help` as the hint.
  static func refusal(_ command: String, _ error: any Error) -> CommandError {
    if let error = error as? any StudentFacingError {
      return .refused(command: command, problem: error.problem, hint: error.hint)
    }
    return .refused(command: command, problem: "\(error)", hint: "see `help \(command)`")
  }
}
