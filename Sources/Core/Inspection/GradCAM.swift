/// Which parts of the image a conv row's maps use for a class (`show gradcam N [L]`).
///
/// After Selvaraju et al. 2017, with the element-wise weighting of HiResCAM (Draelos & Carin
/// 2020). With `A` the output of row `L` (`C` maps of `h x w`, after the row's activation),
/// `z_k` the pre-softmax logit of class `k` and `g = ∂z_k/∂A`:
///
///     w_c      = (1/(h·w)) Σ(y,x) g[c, y, x]              (Grad-CAM's channel weights, reported)
///     signed   = Σ_c g_c ⊙ A_c                            (h x w)
///     cam      = relu(signed)
///     heat     = bilinear(cam) to H x W, divided by its maximum (all 0 when the maximum is 0)
///
/// Why not Grad-CAM's `Σ_c w_c·A_c`: after `global average pooling` the gradient is the same
/// at every position of a map, so both are equal; after `maxpool → flatten → dense` averaging
/// throws the positions away. Every pooled cell passes its dense weight to exactly one map
/// position, so `w_c` becomes the sum of the dense weights of channel `c`, the same for every
/// image, and the map is often negative everywhere (blank after the relu). The element-wise
/// product keeps each position's own weight; when the head is piecewise linear
/// (maxpool/flatten/dense), `Σ signed = z_k − b_k` exactly: the map splits the logit over the
/// positions.
///
/// Bilinear with half-pixel centres (`src = (dst + 0.5)·h/H − 0.5`, clamped at the borders), as
/// image resizers do. The default row is the last conv, dwconv, sepconv or deconv row.
public struct GradCAM: Sendable {
  /// `H x W`, in `[0, 1]`.
  public let heat: Grid
  /// `relu(Σ_c g_c ⊙ A_c)` at the row's own `h x w` resolution (not normalised).
  public let coarse: Grid
  /// `Σ_c g_c ⊙ A_c` before the relu: each position's share of the logit.
  public let signed: Grid
  /// `w_c` per channel of the row.
  public let channelWeights: [Float]
  public let row: Int
  public let classIndex: Int
  public let label: Int
  public let probability: Float

  /// Grad-CAM of test image `index` for `classIndex` (its true class when nil) on `row` (the
  /// last conv-like row when nil).
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int,
    row: Int? = nil, classIndex: Int? = nil, threads: Int = 1
  ) throws(InspectionError) -> GradCAM {
    let (image, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    try ClassScore.checkClassifier(model, classes: data.classNames.count)
    let target: Int
    if let row { target = row } else { target = try lastConvRow(model) }
    try TestImage.checkRow(target, in: model, first: 1)
    guard !model.shapes[target].isFlat else {
      throw .notSpatial(row: target, layer: model.specs[target - 1].description)
    }
    let k = classIndex ?? label
    guard (0..<data.classNames.count).contains(k) else {
      throw .invalidOption(
        name: "class", value: "\(k)", hint: "pick a class from 0 to \(data.classNames.count - 1)")
    }
    let context = ComputeContext(mode: .inference, threads: threads)
    let outputs = model.forwardCollecting(image, context: context)
    let probability = ClassScore.probabilities(outputs[outputs.count - 1], sample: 0, model: model)[
      k]
    let g = ClassScore.gradient(of: k, model: model, downToRow: target, context: context)
    let a = outputs[target]
    let (h, w, channels) = (a.shape.height, a.shape.width, a.shape.channels)
    let area = h * w
    var weights = [Float](repeating: 0, count: channels)
    var signed = [Float](repeating: 0, count: area)
    for c in 0..<channels {
      var total: Float = 0
      for j in 0..<area {
        let gradient = g.storage[c * area + j]
        total += gradient
        signed[j] += gradient * a.storage[c * area + j]
      }
      weights[c] = total / Float(area)
    }
    let cam = signed.map { max($0, 0) }
    let input = image.shape
    var heat = bilinear(cam, from: (h, w), to: (input.height, input.width))
    let top = heat.max() ?? 0
    heat = top > 0 ? heat.map { $0 / top } : heat.map { _ in 0 }
    return GradCAM(
      heat: Grid(height: input.height, width: input.width, values: heat),
      coarse: Grid(height: h, width: w, values: cam),
      signed: Grid(height: h, width: w, values: signed), channelWeights: weights, row: target,
      classIndex: k, label: label, probability: probability)
  }

  /// The row whose layer has spatial kernels (conv, dwconv, sepconv, deconv: a
  /// ``Layer/drawnKernel``) and a map output that sees the most of the input: the largest
  /// receptive field, the last such row on a tie. In a stack that is the last conv; in a
  /// residual network the block's conv, not the 1x1 conv on its shortcut. Only rows whose
  /// output leads to the model's output count (a dead branch has no gradient to show).
  public static func lastConvRow(_ model: Sequential) throws(InspectionError) -> Int {
    guard !model.isEmpty else { throw .emptyModel }
    let reaching = model.wiring.rowsReachingOutput
    let candidates = (1...model.layers.count).filter { i in
      !model.shapes[i].isFlat && model.layers[i - 1].drawnKernel != nil && reaching.contains(i)
    }
    if let best = candidates.max(by: { a, b in
      (model.receptiveFields[a].size, a) < (model.receptiveFields[b].size, b)
    }) {
      return best
    }
    throw .notConvolutional(
      row: model.layers.count, layer: model.specs[model.layers.count - 1].description)
  }

  /// Bilinear resize of a row-major `h x w` plane to `H x W` (half-pixel centres).
  static func bilinear(_ plane: [Float], from: (Int, Int), to: (Int, Int)) -> [Float] {
    let (h, w) = from
    let (outH, outW) = to
    func source(_ i: Int, _ n: Int, _ size: Int) -> (Int, Int, Float) {
      let s = min(max((Float(i) + 0.5) * Float(n) / Float(size) - 0.5, 0), Float(n - 1))
      let low = Int(s)
      return (low, min(low + 1, n - 1), s - Float(low))
    }
    var out = [Float](repeating: 0, count: outH * outW)
    for y in 0..<outH {
      let (y0, y1, fy) = source(y, h, outH)
      for x in 0..<outW {
        let (x0, x1, fx) = source(x, w, outW)
        let top = plane[y0 * w + x0] * (1 - fx) + plane[y0 * w + x1] * fx
        let bottom = plane[y1 * w + x0] * (1 - fx) + plane[y1 * w + x1] * fx
        out[y * outW + x] = top * (1 - fy) + bottom * fy
      }
    }
    return out
  }
}
