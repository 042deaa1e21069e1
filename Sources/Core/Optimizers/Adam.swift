import Foundation

/// Adam (Kingma & Ba 2015) with Keras' default constants `β1 = 0.9`, `β2 = 0.999`,
/// `ε = 1e-7`, in PyTorch's form (ε added after the bias-corrected square root):
///
///     g' = g + wd·w
///     m ← β1·m + (1 − β1)·g'        v ← β2·v + (1 − β2)·g'²
///     m̂ = m/(1 − β1ᵗ)               v̂ = v/(1 − β2ᵗ)
///     w ← w − lr·m̂/(√v̂ + ε)
///
/// `t` counts this parameter's steps from 1; `m` and `v` start at zero.
public final class Adam: Optimizer {
  public var learningRate: Float
  public var weightDecay: Float
  public let beta1: Float
  public let beta2: Float
  public let epsilon: Float
  private var moments: [ObjectIdentifier: Moments] = [:]

  private struct Moments {
    let owner: Parameter
    var m: [Float]
    var v: [Float]
    var t: Int

    init(_ owner: Parameter) {
      self.owner = owner
      m = [Float](repeating: 0, count: owner.count)
      v = m
      t = 0
    }
  }

  public init(
    learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
    epsilon: Float = 1e-7, weightDecay: Float = 0
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  public func step(parameters: [Parameter]) {
    let (lr, wd, b1, b2, eps) = (learningRate, weightDecay, beta1, beta2, epsilon)
    for parameter in parameters where parameter.isTrainable {
      let key = ObjectIdentifier(parameter)
      var state = moments.removeValue(forKey: key) ?? Moments(parameter)
      state.t += 1
      let c1 = Float(1 - pow(Double(b1), Double(state.t)))
      let c2 = Float(1 - pow(Double(b2), Double(state.t)))
      parameter.gradient.withUnsafeBufferPointer { g in
        parameter.value.withUnsafeMutableBufferPointer { w in
          state.m.withUnsafeMutableBufferPointer { m in
            state.v.withUnsafeMutableBufferPointer { v in
              for i in 0..<w.count {
                let gi = g[i] + wd * w[i]
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                w[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
              }
            }
          }
        }
      }
      moments[key] = state
    }
  }
}
