/// A training objective: the mean loss of a batch and its gradient with respect to the model's
/// outputs (or, for fused softmax + cross-entropy, its logits).
///
/// Losses are means over the batch, as in Keras and PyTorch, so the gradient carries `1/B`.
public protocol Loss: Sendable {
  var kind: LossKind { get }

  /// Whether ``Sequential/backward(_:context:throughFinalActivation:)`` must go through the
  /// last layer's activation with the gradient this loss writes (false for fused softmax +
  /// cross-entropy, whose gradient is already with respect to the logits).
  var throughFinalActivation: Bool { get }

  /// Whether outputs are class scores, so accuracy and a confusion matrix mean something
  /// (false for an autoencoder).
  var isClassifier: Bool { get }

  /// The mean loss of the batch. `inputs` is the batch fed to the model (an autoencoder's
  /// target); `labels` has one class per sample.
  func value(outputs: Tensor, inputs: Tensor, labels: [Int]) -> Float

  /// The mean loss of the batch, writing dLoss/dOutputs into `gradient` (resized when needed).
  func value(outputs: Tensor, inputs: Tensor, labels: [Int], gradient: inout Tensor) -> Float
}
