/// Plain stochastic gradient descent: `w ← w − lr·(g + wd·w)`.
public final class SGD: Optimizer {
  public var learningRate: Float
  public var weightDecay: Float

  public init(learningRate: Float = 0.01, weightDecay: Float = 0) {
    self.learningRate = learningRate
    self.weightDecay = weightDecay
  }

  public func step(parameters: [Parameter]) {
    let lr = learningRate
    let wd = weightDecay
    for parameter in parameters where parameter.isTrainable {
      parameter.gradient.withUnsafeBufferPointer { g in
        parameter.value.withUnsafeMutableBufferPointer { w in
          for i in 0..<w.count { w[i] -= lr * (g[i] + wd * w[i]) }
        }
      }
    }
  }
}
