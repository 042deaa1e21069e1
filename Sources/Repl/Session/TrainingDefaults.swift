/// What `set lr=X momentum=M batch=B` typed while no training ran: the next `train` uses each
/// one it does not give itself (nil: the built-in default).
public struct TrainingDefaults: Hashable, Sendable {
  public var learningRate: Double?
  public var momentum: Double?
  public var batchSize: Int?

  public init(learningRate: Double? = nil, momentum: Double? = nil, batchSize: Int? = nil) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.batchSize = batchSize
  }
}
