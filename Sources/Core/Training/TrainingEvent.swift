/// What a running training reports, in order, through an ``EventChannel``.
///
/// Everything except the `timing` and `seconds` fields is deterministic: the same model, data,
/// options and thread count give the same values bit for bit. Front ends that print
/// transcripts must leave the timings out.
public enum TrainingEvent: Sendable {
  /// The training is about to take its first step.
  case started(TrainingPlan)
  /// One mini-batch done (its loss, the epoch's running loss and accuracy), with wall-clock
  /// speed kept apart.
  case step(StepProgress, timing: TrainingTiming)
  /// One epoch done, with the test split's loss and accuracy; `seconds` is wall-clock.
  case epochEnd(EpochSummary, seconds: Double)
  /// Every `snapshotEvery` steps: the probe image's activations after each row, in inference
  /// mode (`activations[0]` is the input, `activations[i]` the output of row `i`; batch 1).
  case snapshot(step: Int, activations: [Tensor])
  /// Every `statisticsEvery` steps: per row, activation and gradient numbers of the first
  /// `statisticsImages` images of that step's batch, measured after its update in inference
  /// mode (`show stats` while training; ``RowStatistics/step`` is the step).
  case statistics(RowStatistics)
  /// A pause took effect after `step` steps.
  case paused(step: Int)
  /// Training goes on after `step` steps.
  case resumed(step: Int)
  /// A setting changed (`set lr=`, `set momentum=`, `set batch=`, a schedule step); it is
  /// used from step `change.step` on.
  case changed(SettingChange)
  /// The last event of every training.
  case stopped(StopReason)
}

/// What a training is about to do (the ``TrainingEvent/started(_:)`` payload).
public struct TrainingPlan: Hashable, Sendable {
  public var epochs: Int
  public var stepsPerEpoch: Int
  public var batchSize: Int
  /// Training images per epoch (after `limit`).
  public var trainingImages: Int
  /// Test images evaluated at each epoch end (0 for none).
  public var testImages: Int
  public var optimizer: OptimizerKind
  public var learningRate: Float
  public var loss: LossKind
  /// Whether accuracy is measured (false for an autoencoder).
  public var isClassifier: Bool
  /// How the learning rate moves (`sched=`).
  public var schedule: LearningRateSchedule

  public init(
    epochs: Int, stepsPerEpoch: Int, batchSize: Int, trainingImages: Int, testImages: Int,
    optimizer: OptimizerKind, learningRate: Float, loss: LossKind, isClassifier: Bool,
    schedule: LearningRateSchedule = .constant
  ) {
    self.epochs = epochs
    self.stepsPerEpoch = stepsPerEpoch
    self.batchSize = batchSize
    self.trainingImages = trainingImages
    self.testImages = testImages
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.loss = loss
    self.isClassifier = isClassifier
    self.schedule = schedule
  }

  /// `epochs · stepsPerEpoch`.
  public var totalSteps: Int { epochs * stepsPerEpoch }
}

/// Where a training is after one step (deterministic; see ``TrainingTiming`` for speed).
public struct StepProgress: Hashable, Sendable {
  /// 1-based epoch.
  public var epoch: Int
  /// 1-based step within the epoch.
  public var step: Int
  public var stepsPerEpoch: Int
  /// 1-based step counted from the start of the training.
  public var globalStep: Int
  /// This batch's mean loss.
  public var loss: Float
  /// Mean loss over the epoch's images so far.
  public var runningLoss: Float
  /// Share of the epoch's images so far classified right (training mode); nil for an
  /// autoencoder.
  public var runningAccuracy: Float?

  public init(
    epoch: Int, step: Int, stepsPerEpoch: Int, globalStep: Int, loss: Float, runningLoss: Float,
    runningAccuracy: Float?
  ) {
    self.epoch = epoch
    self.step = step
    self.stepsPerEpoch = stepsPerEpoch
    self.globalStep = globalStep
    self.loss = loss
    self.runningLoss = runningLoss
    self.runningAccuracy = runningAccuracy
  }
}

/// Wall-clock speed: never part of a deterministic transcript.
public struct TrainingTiming: Hashable, Sendable {
  /// Training images per second since the start (pauses excluded).
  public var imagesPerSecond: Double
  /// Estimated seconds to the end of the last epoch.
  public var eta: Double

  public init(imagesPerSecond: Double, eta: Double) {
    self.imagesPerSecond = imagesPerSecond
    self.eta = eta
  }
}

/// One epoch's results (deterministic).
public struct EpochSummary: Hashable, Sendable {
  /// 1-based.
  public var epoch: Int
  /// Mean loss over the epoch's training batches (weights changing along the way, as Keras
  /// reports it).
  public var trainLoss: Float
  /// nil for an autoencoder.
  public var trainAccuracy: Float?
  /// nil when no test images were evaluated.
  public var testLoss: Float?
  /// nil when no test images were evaluated, or for an autoencoder.
  public var testAccuracy: Float?

  public init(
    epoch: Int, trainLoss: Float, trainAccuracy: Float?, testLoss: Float?, testAccuracy: Float?
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.trainAccuracy = trainAccuracy
    self.testLoss = testLoss
    self.testAccuracy = testAccuracy
  }
}

/// Why a training ended.
public enum StopReason: Hashable, Sendable, CustomStringConvertible {
  /// Every epoch ran.
  case finished
  /// `stop` (or Ctrl-C) took effect at a batch boundary.
  case userStopped
  /// The loss or a weight became NaN or infinite; the weights were put back to the last good
  /// copy. Its `description` is one line for the student.
  case numericalFault(NumericalFault)

  public var description: String {
    switch self {
    case .finished: "finished"
    case .userStopped: "stopped"
    case .numericalFault(let fault): fault.description
    }
  }
}
