/// Mean squared error over every output value.
///
/// With `y` the outputs and `t` the target, `B` samples of `N` values each:
/// `L = Σ (y − t)² / (B·N)` and `dL/dy = 2·(y − t)/(B·N)` (Keras' `mse` and PyTorch's
/// `MSELoss`, both a mean over all elements here). The target is one-hot labels for a
/// classifier, or the input batch itself for an autoencoder. The gradient goes back through
/// the final activation (a sigmoid output, say) as usual.
public struct MeanSquaredError: Loss {
  /// What the outputs are compared with.
  public enum Target: Hashable, Sendable {
    /// `onehot(label)`: the outputs are `N = classes` scores.
    case oneHotLabels
    /// The model's input: the outputs have the input's shape (an autoencoder).
    case input
  }

  public let target: Target

  public init(target: Target) {
    self.target = target
  }

  public var kind: LossKind { .meanSquaredError }
  public var throughFinalActivation: Bool { true }
  public var isClassifier: Bool { target == .oneHotLabels }

  public func value(outputs: Tensor, inputs: Tensor, labels: [Int]) -> Float {
    compute(outputs: outputs, inputs: inputs, labels: labels, gradient: nil)
  }

  public func value(outputs: Tensor, inputs: Tensor, labels: [Int], gradient: inout Tensor) -> Float {
    if gradient.batch != outputs.batch || gradient.shape != outputs.shape {
      gradient = Tensor(batch: outputs.batch, shape: outputs.shape)
    }
    return gradient.storage.withUnsafeMutableBufferPointer { g in
      compute(outputs: outputs, inputs: inputs, labels: labels, gradient: g)
    }
  }

  private func compute(
    outputs: Tensor, inputs: Tensor, labels: [Int], gradient: UnsafeMutableBufferPointer<Float>?
  ) -> Float {
    let perSample = outputs.shape.count
    let total = outputs.count
    guard total > 0 else { return 0 }
    let scale = 2 / Float(total)
    var sum = 0.0
    outputs.storage.withUnsafeBufferPointer { y in
      inputs.storage.withUnsafeBufferPointer { x in
        for n in 0..<outputs.batch {
          let row = n * perSample
          var rowSum: Float = 0
          for i in 0..<perSample {
            let t: Float
            switch target {
            case .oneHotLabels: t = i == labels[n] ? 1 : 0
            case .input: t = x[row + i]
            }
            let d = y[row + i] - t
            rowSum += d * d
            gradient?[row + i] = scale * d
          }
          sum += Double(rowSum)
        }
      }
    }
    return Float(sum / Double(total))
  }
}
