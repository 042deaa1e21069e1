/// How much each input pixel moves the class score (`show saliency N`).
///
/// After Simonyan, Vedaldi & Zisserman 2014:
///
///     gradient[c, y, x] = ∂z_k / ∂x[c, y, x]         z_k the pre-softmax logit of class k
///     heat[y, x]        = max_c |gradient[c, y, x]|   (max over channels for colour images)
///
/// `x` is the normalised input the model sees (`(p/255 − mean)/std`), so a gradient per pixel
/// unit is `gradient / (255·std)`: the same picture, scaled. One forward and one backward in
/// inference mode (dropout off, batchnorm on its running statistics).
public struct SaliencyMap: Sendable {
  /// `max_c |∂z_k/∂x|`, input `H x W`.
  public let heat: Grid
  /// The signed `∂z_k/∂x`, `[1, C, H, W]`.
  public let gradient: Tensor
  /// The class `k` whose score is differentiated.
  public let classIndex: Int
  /// The image's true class.
  public let label: Int
  /// The model's probability of class `k` for the image.
  public let probability: Float

  /// The saliency of test image `index` for `classIndex` (its true class when nil).
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int,
    classIndex: Int? = nil, threads: Int = 1
  ) throws(InspectionError) -> SaliencyMap {
    let (image, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    try ClassScore.checkClassifier(model, classes: data.classNames.count)
    let k = classIndex ?? label
    guard (0..<data.classNames.count).contains(k) else {
      throw .invalidOption(
        name: "class", value: "\(k)", hint: "pick a class from 0 to \(data.classNames.count - 1)")
    }
    return compute(model: model, image: image, classIndex: k, label: label, threads: threads)
  }

  /// The saliency of a normalised batch-of-one `image` for class `classIndex` (the model must
  /// output one score per class; `classIndex` must be one of them).
  public static func compute(
    model: Sequential, image: Tensor, classIndex: Int, label: Int? = nil, threads: Int = 1
  ) -> SaliencyMap {
    let context = ComputeContext(mode: .inference, threads: threads)
    let output = model.forward(image, context: context)
    let probability = ClassScore.probabilities(output, sample: 0, model: model)[classIndex]
    let g = ClassScore.gradient(of: classIndex, model: model, downToRow: 0, context: context)
    let s = image.shape
    let area = s.height * s.width
    var heat = [Float](repeating: 0, count: area)
    for c in 0..<s.channels {
      for j in 0..<area { heat[j] = max(heat[j], abs(g.storage[c * area + j])) }
    }
    return SaliencyMap(
      heat: Grid(height: s.height, width: s.width, values: heat), gradient: g,
      classIndex: classIndex, label: label ?? classIndex, probability: probability)
  }
}
