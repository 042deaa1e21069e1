/// The model's top guesses for test images (`show predictions [n=N] [wrong]`): the first `count`
/// images, or (`wrongOnly`) the first `count` it gets wrong, test images scanned in order.
///
/// For each image, in inference mode, in batches of `batchSize`:
///
///     p = outputs             (the model ends in softmax)
///     p = softmax(outputs)    (otherwise)
///     guess = argmax_k p_k    (the lowest k on ties)
public struct TestGuesses: Sendable {
  public let guesses: [ImageGuess]
  /// How many test images were run: `count`, or with `wrongOnly` up to the last wrong one
  /// found (every image when fewer than `count` are wrong).
  public let scanned: Int

  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, count: Int,
    wrongOnly: Bool = false, batchSize: Int = 256, threads: Int = 1
  ) throws(InspectionError) -> TestGuesses {
    guard let input = model.inputShape, !model.isEmpty else { throw .emptyModel }
    guard input == data.shape else { throw .inputMismatch(model: input, data: data.shape) }
    try ClassScore.checkClassifier(model, classes: data.classNames.count)
    guard data.count > 0 else { throw .noSuchImage(index: 0, count: 0) }
    let context = ComputeContext(mode: .inference, threads: max(1, threads))
    let step = max(1, batchSize)
    var batch = Tensor(batch: 0, shape: data.shape)
    var labels: [Int] = []
    var guesses: [ImageGuess] = []
    var start = 0
    let end = wrongOnly ? data.count : min(count, data.count)
    while start < end, guesses.count < count {
      let stop = min(start + step, end)
      data.gather(start..<stop, normalization: normalization, into: &batch, labels: &labels)
      let outputs = model.predict(batch, context: context)
      for n in 0..<(stop - start) where guesses.count < count {
        let p = ClassScore.probabilities(outputs, sample: n, model: model)
        var top = 0
        for k in p.indices where p[k] > p[top] { top = k }
        let guess = ImageGuess(index: start + n, label: labels[n], guess: top, probability: p[top])
        if !wrongOnly || !guess.isRight { guesses.append(guess) }
      }
      start = stop
    }
    let scanned = wrongOnly && guesses.count == count ? (guesses.last?.index ?? 0) + 1 : end
    return TestGuesses(guesses: guesses, scanned: scanned)
  }
}
