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
              Self.update(
                w: w.baseAddress, g: g.baseAddress, m: m.baseAddress, v: v.baseAddress,
                count: w.count, constants: (lr, wd, b1, b2, eps, c1, c2))
            }
          }
        }
      }
      moments[key] = state
    }
  }

  /// The update of the type's formula over `count` values, eight lanes at a time: the same
  /// IEEE operations in the same order as the scalar tail, so the result does not depend on
  /// where the vector part ends.
  private static func update(
    w: UnsafeMutablePointer<Float>?, g: UnsafePointer<Float>?, m: UnsafeMutablePointer<Float>?,
    v: UnsafeMutablePointer<Float>?, count: Int,
    constants: (lr: Float, wd: Float, b1: Float, b2: Float, eps: Float, c1: Float, c2: Float)
  ) {
    guard let w, let g, let m, let v, count > 0 else { return }
    let (lr, wd, b1, b2, eps, c1, c2) = constants
    let wide = count / 8 * 8
    var i = 0
    while i < wide {
      let wi = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD8<Float>.self)
      let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self) + wd * wi
      let mi = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self) + (1 - b1) * gi
      let vi =
        b2 * UnsafeRawPointer(v + i).loadUnaligned(as: SIMD8<Float>.self) + (1 - b2) * gi * gi
      let step = lr * (mi / c1) / ((vi / c2).squareRoot() + eps)
      UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(w + i).storeBytes(of: wi - step, as: SIMD8<Float>.self)
      i += 8
    }
    for i in wide..<count {
      let gi = g[i] + wd * w[i]
      m[i] = b1 * m[i] + (1 - b1) * gi
      v[i] = b2 * v[i] + (1 - b2) * gi * gi
      w[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
    }
  }
}
