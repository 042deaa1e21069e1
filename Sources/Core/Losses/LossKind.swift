/// Which loss a training minimises: `loss=ce` or `loss=mse`.
public enum LossKind: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// Softmax cross-entropy against the labels (``SoftmaxCrossEntropy``).
  case crossEntropy = "ce"
  /// Mean squared error against one-hot labels or, for an autoencoder, the input
  /// (``MeanSquaredError``).
  case meanSquaredError = "mse"

  /// The option value as typed (`ce`, `mse`).
  public var description: String { rawValue }

  /// The loss used when `train` names none: mse when the model gives back an image of the
  /// input's shape (an autoencoder), else cross-entropy.
  public static func automatic(input: Shape, output: Shape) -> LossKind {
    output == input && !output.isFlat ? .meanSquaredError : .crossEntropy
  }

  /// The loss of this kind for `model`, checked against `classes` labels.
  ///
  /// Cross-entropy takes the model's outputs as probabilities when the last row ends in
  /// softmax (`dense 10 softmax`, or a `softmax` row), and as logits otherwise (PyTorch's
  /// `CrossEntropyLoss`). MSE compares with the input when the output has the input's shape,
  /// else with one-hot labels. Outputs must be `N` or `1x1xN` with `N = classes`.
  public func makeLoss(for model: Sequential, classes: Int) throws(TrainingError) -> any Loss {
    guard let input = model.inputShape, let output = model.outputShape, let last = model.specs.last
    else { throw .emptyModel }
    let fitsClasses = output.count == classes && output.height == 1 && output.width == 1
    switch self {
    case .crossEntropy:
      guard fitsClasses else {
        throw .outputMismatch(output: output, loss: self, classes: classes, input: input)
      }
      return SoftmaxCrossEntropy(outputsAreProbabilities: last.layer.fusedActivation == .softmax)
    case .meanSquaredError:
      if output == input, !(fitsClasses && input.isFlat) {
        return MeanSquaredError(target: .input)
      }
      guard fitsClasses else {
        throw .outputMismatch(output: output, loss: self, classes: classes, input: input)
      }
      return MeanSquaredError(target: .oneHotLabels)
    }
  }
}
