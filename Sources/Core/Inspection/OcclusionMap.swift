/// How much hiding each part of the image lowers the true class's probability
/// (`show occlusion N [size=K]`; Zeiler & Fergus 2014).
///
/// A `K x K` grey patch (pixel value `fill`, 0.5 unless given, in every channel, i.e.
/// `(fill − mean)/std` after normalisation) is moved over the image with stride `S` (default `max(1, K/2)`, so each pixel
/// is covered by about four placements), the last row and column of placements pushed back to
/// touch the bottom and right edges. For each placement `P`:
///
///     drop(P)   = p_k(image) − p_k(image with P greyed)      k the true class
///     heat[y,x] = mean of drop(P) over the placements covering (y, x)
///
/// Positive heat: hiding this region hurts the prediction. All placements run in inference
/// mode, in batches of 64.
public struct OcclusionMap: Sendable {
  /// `H x W` at input resolution.
  public let heat: Grid
  /// `p_k` of the unoccluded image.
  public let baseProbability: Float
  /// The true class `k`.
  public let label: Int
  public let patch: Int
  public let stride: Int

  /// The occlusion map of test image `index` with a `patch x patch` patch (default: a quarter
  /// of the shorter side, at least 2).
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int,
    patch: Int? = nil, stride: Int? = nil, fill: Float = 0.5, threads: Int = 1
  ) throws(InspectionError) -> OcclusionMap {
    let (image, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    try ClassScore.checkClassifier(model, classes: data.classNames.count)
    let s = image.shape
    let k = patch ?? max(2, min(s.height, s.width) / 4)
    guard k >= 1, k <= min(s.height, s.width) else {
      throw .invalidOption(
        name: "size", value: "\(k)", hint: "use a patch from 1 to \(min(s.height, s.width)) pixels")
    }
    let step = stride ?? max(1, k / 2)
    guard step >= 1 else {
      throw .invalidOption(name: "stride", value: "\(step)", hint: "use a stride of 1 or more")
    }
    func starts(_ size: Int) -> [Int] {
      var list = Array(Swift.stride(from: 0, through: size - k, by: step))
      if list.last != size - k { list.append(size - k) }
      return list
    }
    let placements = starts(s.height).flatMap { y in starts(s.width).map { (y, $0) } }
    let context = ComputeContext(mode: .inference, threads: threads)
    let base = ClassScore.probabilities(
      model.forward(image, context: context), sample: 0, model: model)[label]
    let grey = TestImage.normalized(fill, normalization)
    let area = s.height * s.width
    var sum = [Double](repeating: 0, count: area)
    var covered = [Int](repeating: 0, count: area)
    var first = 0
    while first < placements.count {
      let chunk = placements[first..<min(first + 64, placements.count)]
      var batch = Tensor(batch: chunk.count, shape: s)
      for (n, (py, px)) in chunk.enumerated() {
        let offset = n * s.count
        batch.storage.replaceSubrange(offset..<(offset + s.count), with: image.storage)
        for c in 0..<s.channels {
          for y in py..<(py + k) {
            let row = offset + (c * s.height + y) * s.width
            for x in px..<(px + k) { batch.storage[row + x] = grey }
          }
        }
      }
      let outputs = model.forward(batch, context: context)
      for (n, (py, px)) in chunk.enumerated() {
        let drop = Double(base - ClassScore.probabilities(outputs, sample: n, model: model)[label])
        for y in py..<(py + k) {
          for x in px..<(px + k) {
            sum[y * s.width + x] += drop
            covered[y * s.width + x] += 1
          }
        }
      }
      first += chunk.count
    }
    let heat = (0..<area).map { covered[$0] == 0 ? 0 : Float(sum[$0] / Double(covered[$0])) }
    return OcclusionMap(
      heat: Grid(height: s.height, width: s.width, values: heat), baseProbability: base,
      label: label, patch: k, stride: step)
  }
}
