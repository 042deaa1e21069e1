import Foundation

/// Softmax cross-entropy against integer labels, fused and numerically stable.
///
/// For a batch of `B` samples with `K` outputs each and labels `y`:
///
/// - `outputsAreProbabilities` (the model ends in softmax, as Keras models do):
///   `L = (1/B)·Σ −log(max(p[y], 1e-7))` (Keras clips at its epsilon `1e-7`), and the gradient
///   written is with respect to the *logits* before that softmax,
///   `dL/dz = (p − onehot(y))/B`, so the model's backward skips the final softmax
///   (``throughFinalActivation`` is false): no Jacobian, no division by a tiny `p`.
/// - otherwise the outputs are logits `z` (PyTorch's `CrossEntropyLoss`):
///   `L = (1/B)·Σ (log Σ_k exp(z_k − m) + m − z[y])` with `m = max z`, and
///   `dL/dz = (softmax(z) − onehot(y))/B`.
///
/// Outputs are `N` or `1x1xN` per sample (`N = K` classes).
public struct SoftmaxCrossEntropy: Loss {
  /// Keras' clipping epsilon for probabilities.
  public static let epsilon: Float = 1e-7

  public let outputsAreProbabilities: Bool

  public init(outputsAreProbabilities: Bool) {
    self.outputsAreProbabilities = outputsAreProbabilities
  }

  public var kind: LossKind { .crossEntropy }
  public var throughFinalActivation: Bool { !outputsAreProbabilities }
  public var isClassifier: Bool { true }

  public func value(outputs: Tensor, inputs: Tensor, labels: [Int]) -> Float {
    compute(outputs: outputs, labels: labels, gradient: nil)
  }

  public func value(outputs: Tensor, inputs: Tensor, labels: [Int], gradient: inout Tensor) -> Float {
    if gradient.batch != outputs.batch || gradient.shape != outputs.shape {
      gradient = Tensor(batch: outputs.batch, shape: outputs.shape)
    }
    return gradient.storage.withUnsafeMutableBufferPointer { g in
      compute(outputs: outputs, labels: labels, gradient: g)
    }
  }

  private func compute(
    outputs: Tensor, labels: [Int], gradient: UnsafeMutableBufferPointer<Float>?
  ) -> Float {
    let batch = outputs.batch
    let classes = outputs.shape.count
    guard batch > 0 else { return 0 }
    let scale = 1 / Float(batch)
    var total = 0.0
    outputs.storage.withUnsafeBufferPointer { out in
      for n in 0..<batch {
        let row = n * classes
        let label = labels[n]
        if outputsAreProbabilities {
          total -= Double(log(max(out[row + label], Self.epsilon)))
          if let gradient {
            for k in 0..<classes { gradient[row + k] = out[row + k] * scale }
            gradient[row + label] -= scale
          }
        } else {
          var m = -Float.infinity
          for k in 0..<classes { m = max(m, out[row + k]) }
          var sum: Float = 0
          for k in 0..<classes { sum += exp(out[row + k] - m) }
          total += Double(log(sum) + m - out[row + label])
          if let gradient {
            let inv = scale / sum
            for k in 0..<classes { gradient[row + k] = exp(out[row + k] - m) * inv }
            gradient[row + label] -= scale
          }
        }
      }
    }
    return Float(total / Double(batch))
  }
}
