/// What the training pane shows, pushed by the owner as training progresses.
///
/// `loss` and `accuracy` are the recorded points (one per step or per logging interval);
/// `expectedPoints` is how many there will be when the run ends, so the chart fills from the
/// left; `epochBoundaries` and `marks` index into the same points.
public struct TrainingDisplay: Sendable, Equatable {
  public var epoch: Int
  public var epochs: Int
  public var step: Int
  public var stepsPerEpoch: Int
  public var imagesPerSecond: Double?
  public var etaSeconds: Double?
  public var loss: [Double]
  public var accuracy: [Double]
  public var expectedPoints: Int?
  public var epochBoundaries: [Int]
  public var marks: [ChartMark]
  /// A word for the status: `training`, `paused`, `stopped`, `done`.
  public var state: String
  /// The newest epoch's result line (train loss/acc, test loss/acc), kept in view.
  public var epochLine: String?
  /// The test loss at each epoch's end, at the point index where the epoch ended.
  public var testLoss: [ChartPoint]
  /// The test accuracy (0...1) at each epoch's end.
  public var testAccuracy: [ChartPoint]

  public init(
    epoch: Int, epochs: Int, step: Int, stepsPerEpoch: Int, imagesPerSecond: Double? = nil,
    etaSeconds: Double? = nil, loss: [Double] = [], accuracy: [Double] = [],
    expectedPoints: Int? = nil, epochBoundaries: [Int] = [], marks: [ChartMark] = [],
    state: String = "training", epochLine: String? = nil, testLoss: [ChartPoint] = [],
    testAccuracy: [ChartPoint] = []
  ) {
    self.epoch = epoch
    self.epochs = epochs
    self.step = step
    self.stepsPerEpoch = stepsPerEpoch
    self.imagesPerSecond = imagesPerSecond
    self.etaSeconds = etaSeconds
    self.loss = loss
    self.accuracy = accuracy
    self.expectedPoints = expectedPoints
    self.epochBoundaries = epochBoundaries
    self.marks = marks
    self.state = state
    self.epochLine = epochLine
    self.testLoss = testLoss
    self.testAccuracy = testAccuracy
  }

  /// Whether the training is still going (its pane grows only then).
  public var isActive: Bool { state == "training" || state == "paused" }

  /// Overall progress: `((epoch-1)·stepsPerEpoch + step) / (epochs·stepsPerEpoch)`.
  public var fraction: Double {
    let total = epochs * stepsPerEpoch
    guard total > 0 else { return 0 }
    return Double((epoch - 1) * stepsPerEpoch + step) / Double(total)
  }
}
