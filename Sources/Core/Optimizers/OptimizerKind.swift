/// The optimizer a `train` command names: `opt=sgd|momentum|adam`.
public enum OptimizerKind: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  case sgd
  case momentum
  case adam

  public var description: String { rawValue }

  /// The learning rate when `lr=` is not given: Keras' defaults (0.01 for SGD, 0.001 for Adam).
  public var defaultLearningRate: Float {
    switch self {
    case .sgd, .momentum: 0.01
    case .adam: 0.001
    }
  }

  /// A fresh optimizer of this kind with no state.
  public func make(learningRate: Float? = nil, weightDecay: Float = 0, momentum: Float = 0.9)
    -> any Optimizer
  {
    let lr = learningRate ?? defaultLearningRate
    switch self {
    case .sgd: return SGD(learningRate: lr, weightDecay: weightDecay)
    case .momentum: return Momentum(learningRate: lr, momentum: momentum, weightDecay: weightDecay)
    case .adam: return Adam(learningRate: lr, weightDecay: weightDecay)
    }
  }
}
