/// SGD with momentum, in PyTorch's form:
///
///     v ← μ·v + (g + wd·w)      w ← w − lr·v
///
/// with `v` starting at zero and `μ = 0.9` by default. For a constant learning rate this is
/// the same trajectory as Keras' `v ← μ·v − lr·g; w ← w + v`; PyTorch's form keeps `v`
/// independent of `lr`, so changing `lr` mid-training takes effect at once.
public final class Momentum: Optimizer {
  public var learningRate: Float
  public var weightDecay: Float
  /// `μ`; changeable between steps (`set momentum=`).
  public var momentum: Float
  private var velocities: [ObjectIdentifier: (owner: Parameter, v: [Float])] = [:]

  public init(learningRate: Float = 0.01, momentum: Float = 0.9, weightDecay: Float = 0) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
  }

  public func step(parameters: [Parameter]) {
    let lr = learningRate
    let wd = weightDecay
    let mu = momentum
    for parameter in parameters where parameter.isTrainable {
      let key = ObjectIdentifier(parameter)
      var velocity = velocities.removeValue(forKey: key)?.v
        ?? [Float](repeating: 0, count: parameter.count)
      parameter.gradient.withUnsafeBufferPointer { g in
        parameter.value.withUnsafeMutableBufferPointer { w in
          velocity.withUnsafeMutableBufferPointer { v in
            for i in 0..<w.count {
              v[i] = mu * v[i] + (g[i] + wd * w[i])
              w[i] -= lr * v[i]
            }
          }
        }
      }
      velocities[key] = (parameter, velocity)
    }
  }
}
