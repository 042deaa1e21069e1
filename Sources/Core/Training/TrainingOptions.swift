/// Everything a `train` command sets, with Keras-like defaults.
///
/// `learningRate` nil means the optimizer's default (``OptimizerKind/defaultLearningRate``);
/// `loss` nil means ``LossKind/automatic(input:output:)``.
public struct TrainingOptions: Hashable, Sendable {
  public var epochs: Int = 1
  public var batchSize: Int = 32
  public var learningRate: Float?
  public var optimizer: OptimizerKind = .adam
  public var loss: LossKind?
  /// Coupled L2 weight decay (`wd=`).
  public var weightDecay: Float = 0
  /// At most this many training images per epoch (the first ones of the split); nil for all.
  public var limit: Int?
  /// Images per batch when the test split is evaluated after each epoch (the memory budget
  /// may lower it for a big model).
  public var evaluationBatchSize: Int = 256
  /// At most this many test images evaluated at each epoch end; nil for all, 0 for none.
  public var testLimit: Int?
  public var threads: Int = 1
  /// Seeds the shuffling of the training images.
  public var seed: UInt64 = 0
  /// Every this many steps, a ``TrainingEvent/snapshot(step:activations:)`` of the probe image;
  /// nil for none.
  public var snapshotEvery: Int?
  /// Every this many steps, a ``TrainingEvent/statistics(_:)`` of the step's batch; nil for
  /// none.
  public var statisticsEvery: Int?
  /// Images of the batch the statistics measure (the first ones; fewer when the batch is
  /// smaller).
  public var statisticsImages: Int = 16
  /// Index of the probe image in the test split (the training split when there is no test).
  public var probeIndex: Int = 0
  /// Steps between copies of the last good weights kept for a numerical fault (1 = every step).
  public var checkpointEvery: Int = 1
  /// `μ` of the momentum optimizer (`set momentum=`); unused by sgd and adam.
  public var momentum: Float = 0.9
  /// How the learning rate moves over the training (`sched=`).
  public var schedule: LearningRateSchedule = .constant

  public init(
    epochs: Int = 1, batchSize: Int = 32, learningRate: Float? = nil,
    optimizer: OptimizerKind = .adam, loss: LossKind? = nil, weightDecay: Float = 0,
    limit: Int? = nil, testLimit: Int? = nil, threads: Int = 1, seed: UInt64 = 0,
    snapshotEvery: Int? = nil, probeIndex: Int = 0, checkpointEvery: Int = 1,
    momentum: Float = 0.9, schedule: LearningRateSchedule = .constant
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.optimizer = optimizer
    self.loss = loss
    self.weightDecay = weightDecay
    self.limit = limit
    self.testLimit = testLimit
    self.threads = threads
    self.seed = seed
    self.snapshotEvery = snapshotEvery
    self.probeIndex = probeIndex
    self.checkpointEvery = checkpointEvery
    self.momentum = momentum
    self.schedule = schedule
  }

  /// The learning rate actually used.
  public var effectiveLearningRate: Float { learningRate ?? optimizer.defaultLearningRate }

  /// Refuses values that cannot work, naming the option and a fix.
  public func validate(data: DataSplits) throws(TrainingError) {
    func refuse(_ name: String, _ value: String, _ hint: String) -> TrainingError {
      .invalidOption(name: name, value: value, hint: hint)
    }
    guard epochs >= 1 else { throw refuse("epochs", "\(epochs)", "train for at least 1 epoch") }
    guard batchSize >= 1 else { throw refuse("batch", "\(batchSize)", "use a batch of 1 or more, such as 64") }
    let lr = effectiveLearningRate
    guard lr > 0, lr.isFinite else {
      throw refuse("lr", formatNumber(lr), "use a positive learning rate such as 0.001")
    }
    guard weightDecay >= 0, weightDecay.isFinite else {
      throw refuse("wd", formatNumber(weightDecay), "use 0 or a small positive value such as 1e-4")
    }
    guard momentum >= 0, momentum < 1 else {
      throw refuse(
        "momentum", formatNumber(momentum), "use a momentum from 0 to below 1, such as 0.9")
    }
    if let limit, limit < 1 { throw refuse("limit", "\(limit)", "use at least 1 image") }
    if let testLimit, testLimit < 0 { throw refuse("testLimit", "\(testLimit)", "use 0 or more") }
    guard threads >= 1 else { throw refuse("threads", "\(threads)", "use 1 or more threads") }
    if let every = snapshotEvery, every < 1 {
      throw refuse("snapshotEvery", "\(every)", "use 1 or more steps")
    }
    if let every = statisticsEvery, every < 1 {
      throw refuse("statisticsEvery", "\(every)", "use 1 or more steps")
    }
    guard statisticsImages >= 1 else {
      throw refuse("statisticsImages", "\(statisticsImages)", "use 1 or more images")
    }
    guard checkpointEvery >= 1 else {
      throw refuse("checkpointEvery", "\(checkpointEvery)", "use 1 or more steps")
    }
    let probeCount = data.test.count > 0 ? data.test.count : data.train.count
    guard probeIndex >= 0, probeIndex < max(probeCount, 1) else {
      throw refuse("probe", "\(probeIndex)", "pick an image from 0 to \(probeCount - 1)")
    }
  }
}
