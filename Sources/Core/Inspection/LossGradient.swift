/// The loss a training would use on a batch and its gradient with respect to the model's
/// output (for fused softmax + cross-entropy: the logits), shared by `show grad`, `show stats`
/// and `show adversarial`.
enum LossGradient {
  /// After a forward pass that gave `outputs` for `inputs`: the mean loss of `kind` (nil: what
  /// `train` picks, ``LossKind/automatic(input:output:)``), its gradient, and whether backward
  /// must go through the last activation.
  static func compute(
    model: Sequential, outputs: Tensor, inputs: Tensor, labels: [Int], classes: Int,
    kind: LossKind? = nil
  ) throws(InspectionError) -> (loss: Float, gradient: Tensor, throughActivation: Bool) {
    guard let input = model.inputShape, let output = model.outputShape else {
      throw .emptyModel
    }
    let chosen = kind ?? LossKind.automatic(input: input, output: output)
    let loss: any Loss
    do {
      loss = try chosen.makeLoss(for: model, classes: classes)
    } catch {
      throw .notClassifier(output: output, classes: classes)
    }
    var gradient = Tensor(batch: outputs.batch, shape: output)
    let value = loss.value(outputs: outputs, inputs: inputs, labels: labels, gradient: &gradient)
    return (value, gradient, loss.throughFinalActivation)
  }
}
