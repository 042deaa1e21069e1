/// A small, deliberate change of an image that changes the model's answer (`show adversarial`).
///
/// Fast gradient sign method (Goodfellow, Shlens & Szegedy 2015), on pixels `p ∈ [0, 1]`:
///
///     untargeted:  p' = clip(p + ε · sign(∇_p Loss(p, label)),  0, 1)   (push the loss up)
///     targeted:    p' = clip(p − ε · sign(∇_p Loss(p, target)), 0, 1)   (pull toward target)
///
/// With `steps` K > 1 it repeats smaller steps (projected gradient descent, Madry et al. 2018):
/// step `α = 2.5·ε/K`, each result clipped back into `[p − ε, p + ε]` and `[0, 1]`, so no pixel
/// ever moves by more than ε. The loss is cross-entropy; the model sees `(p − mean)/std`, so
/// `∇_p = ∇_x / std` has the same sign as the gradient in the model's own units.
public struct AdversarialExample: Sendable {
  public let index: Int
  public let label: Int
  public let epsilon: Float
  public let steps: Int
  /// The size of each step, α: `ε` for FGSM (one step), `2.5·ε/K` for PGD's K steps.
  public let stepSize: Float
  public let target: Int?
  /// Pixels `[1, C, H, W]` in `[0, 1]`: the original, the change and the result.
  public let original: Tensor
  public let perturbation: Tensor
  public let adversarial: Tensor
  /// `sign(∇_p Loss)` at the original image (for the first step's direction).
  public let gradientSign: Tensor
  /// The top class and its probability before and after, and the probability of the label.
  public let before: (guess: Int, probability: Float)
  public let after: (guess: Int, probability: Float)
  public let labelProbabilityAfter: Float

  /// The attack on test image `index` of `data`; `epsilon` in pixel units (0.1 = a tenth of
  /// black-to-white).
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int,
    epsilon: Float, steps: Int = 1, target: Int? = nil, threads: Int = 1
  ) throws(InspectionError) -> AdversarialExample {
    let classes = data.classNames.count
    let (_, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    try ClassScore.checkClassifier(model, classes: classes)
    guard epsilon > 0, epsilon <= 1 else {
      throw .invalidOption(name: "eps", value: "\(epsilon)", hint: "pick ε from 0.01 to 1 (pixel units)")
    }
    guard (1...100).contains(steps) else {
      throw .invalidOption(name: "steps", value: "\(steps)", hint: "use 1 (FGSM) to 100 steps")
    }
    if let target, !(0..<classes).contains(target) {
      throw .invalidOption(
        name: "target", value: "\(target)", hint: "pick a class from 0 to \(classes - 1)")
    }
    // Pixels in [0, 1]: the unit normalisation gives x/255.
    let (pixels, _) = try TestImage.tensor(model: model, data: data, normalization: .unit, index: index)
    let context = ComputeContext(mode: .inference, threads: threads)
    let aim = target ?? label
    let direction: Float = target == nil ? 1 : -1

    /// sign(∇_p Loss(p, aim)) and the probabilities at `p`.
    func signAndGuess(_ p: Tensor) throws(InspectionError) -> (Tensor, [Float]) {
      let x = Tensor(
        batch: 1, shape: p.shape,
        storage: p.storage.map { ($0 - normalization.mean) / normalization.std })
      let outputs = model.forward(x, context: context)
      let probabilities = ClassScore.probabilities(outputs, sample: 0, model: model)
      let top = try LossGradient.compute(
        model: model, outputs: outputs, inputs: x, labels: [aim], classes: classes,
        kind: .crossEntropy)
      let g = model.backward(
        top.gradient, fromRow: model.layers.count, downToRow: 0, context: context,
        throughActivation: top.throughActivation)
      let sign = Tensor(
        batch: 1, shape: p.shape, storage: g.storage.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
      return (sign, probabilities)
    }

    let (firstSign, firstProbabilities) = try signAndGuess(pixels)
    let stepSize = Self.stepSize(epsilon: epsilon, steps: steps)
    var current = pixels
    var sign = firstSign
    for step in 0..<steps {
      if step > 0 { sign = try signAndGuess(current).0 }
      for j in current.storage.indices {
        let moved = current.storage[j] + direction * stepSize * sign.storage[j]
        let p = pixels.storage[j]
        current.storage[j] = min(max(moved, max(p - epsilon, 0)), min(p + epsilon, 1))
      }
    }
    let lastProbabilities = try signAndGuess(current).1
    func best(_ p: [Float]) -> (Int, Float) {
      let i = p.indices.max { p[$0] < p[$1] } ?? 0
      return (i, p[i])
    }
    return AdversarialExample(
      index: index, label: label, epsilon: epsilon, steps: steps, stepSize: stepSize,
      target: target,
      original: pixels,
      perturbation: Tensor(
        batch: 1, shape: pixels.shape,
        storage: zip(current.storage, pixels.storage).map { $0 - $1 }),
      adversarial: current, gradientSign: firstSign, before: best(firstProbabilities),
      after: best(lastProbabilities), labelProbabilityAfter: lastProbabilities[label])
  }

  /// α for `steps` K: `ε` when K = 1 (FGSM), else `2.5·ε/K` (Madry et al.'s choice: the K
  /// steps together travel 2.5·ε, more than the 2·ε across the box `[p − ε, p + ε]`).
  public static func stepSize(epsilon: Float, steps: Int) -> Float {
    steps == 1 ? epsilon : 2.5 * epsilon / Float(steps)
  }
}
