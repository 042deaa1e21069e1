/// Runs a model in inference mode over a whole split, in batches, and measures it.
///
/// Images are gathered `batchSize` at a time (default 256) into one reused tensor; the loss is
/// the mean over all images (each batch's mean weighted by its size), and classifiers also get
/// accuracy, per-class accuracy and the confusion matrix. The model's layers keep the last
/// batch's activations afterwards, so do not evaluate in the middle of a training step.
public struct Evaluator: Sendable {
  public var batchSize: Int
  public var threads: Int

  public init(batchSize: Int = 256, threads: Int = 1) {
    self.batchSize = max(1, batchSize)
    self.threads = max(1, threads)
  }

  /// Refuses a model whose input is not the data's image shape (or that has no layers).
  public static func checkCompatible(model: Sequential, shape: Shape) throws(TrainingError) {
    guard let input = model.inputShape, !model.isEmpty else { throw .emptyModel }
    guard input == shape else { throw .inputMismatch(model: input, data: shape) }
  }

  /// Evaluates with the loss `kind` (automatic when nil) chosen as training would choose it.
  public func evaluate(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, loss kind: LossKind? = nil
  ) throws(TrainingError) -> EvaluationResult {
    try Self.checkCompatible(model: model, shape: data.shape)
    guard let input = model.inputShape, let output = model.outputShape else { throw .emptyModel }
    let loss = try (kind ?? LossKind.automatic(input: input, output: output))
      .makeLoss(for: model, classes: data.classNames.count)
    return evaluate(model: model, data: data, normalization: normalization, loss: loss)
  }

  /// Evaluates with a given loss (the one a training uses). The model must fit the data.
  public func evaluate(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, loss: any Loss
  ) -> EvaluationResult {
    let context = ComputeContext(mode: .inference, threads: threads, keepsForBackward: false)
    var confusion = ConfusionMatrix(classes: data.classNames.count)
    var batch = Tensor(batch: 0, shape: data.shape)
    var labels: [Int] = []
    var lossSum = 0.0
    var start = 0
    while start < data.count {
      let end = min(start + batchSize, data.count)
      data.gather(start..<end, normalization: normalization, into: &batch, labels: &labels)
      let outputs = model.predict(batch, context: context)
      lossSum += Double(loss.value(outputs: outputs, inputs: batch, labels: labels))
        * Double(end - start)
      if loss.isClassifier { confusion.add(outputs: outputs, labels: labels) }
      start = end
    }
    let meanLoss = data.count == 0 ? 0 : Float(lossSum / Double(data.count))
    guard loss.isClassifier else {
      return EvaluationResult(
        count: data.count, loss: meanLoss, accuracy: nil, perClassAccuracy: [], confusion: nil)
    }
    return EvaluationResult(
      count: data.count, loss: meanLoss, accuracy: confusion.accuracy,
      perClassAccuracy: confusion.perClassAccuracy, confusion: confusion)
  }
}
