/// An image and the same image moved by `(dy, dx)` pixels, side by side through the model
/// (`show shift N by=DY,DX`): translation equivariance and invariance.
///
/// A convolution is *equivariant*: move the input and its feature maps move with it,
///
///     conv(shift(x, d))[y] = shift(conv(x), d/j)[y]    j: the row's total stride (its jump)
///
/// away from the borders (padding and the cells the shift fills with zeros break it there),
/// when `d` is a multiple of `j`. Pooling and dense rows then make the answer more or less
/// *invariant*: the class may hold — or break — under the shift. The shifted image is filled
/// with background (pixel 0) where the move uncovers it.
public struct ShiftComparison: Sendable {
  public let index: Int
  public let label: Int
  public let shift: (dy: Int, dx: Int)
  /// Pixels `[1, C, H, W]` in `[0, 1]`.
  public let original: Tensor
  public let shifted: Tensor
  public let before: (guess: Int, probability: Float)
  public let after: (guess: Int, probability: Float)
  /// The feature-map row compared, its output for both images.
  public let row: Int
  public let layer: String
  public let mapsBefore: Tensor
  public let mapsAfter: Tensor
  /// The row's jump (input pixels between neighbouring cells).
  public let jump: Int
  /// The maps' own move (`d / j`) when the shift is a multiple of the jump.
  public let mapShift: (dy: Int, dx: Int)?
  /// The largest `|after[y, x] − before[y − d/j, x − d/j]|` over the cells whose window lies
  /// inside both images away from the borders, and how many cells that was.
  public let largestDifference: Float?
  public let comparedCells: Int

  /// The comparison for test image `index`; `row` nil picks the first convolution row.
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int,
    dy: Int, dx: Int, row: Int? = nil, threads: Int = 1
  ) throws(InspectionError) -> ShiftComparison {
    let classes = data.classNames.count
    let (pixels, label) = try TestImage.tensor(
      model: model, data: data, normalization: .unit, index: index)
    try ClassScore.checkClassifier(model, classes: classes)
    let s = pixels.shape
    guard abs(dy) < s.height, abs(dx) < s.width else {
      throw .invalidOption(
        name: "by", value: "\(dy),\(dx)",
        hint: "move by less than the image: up to \(s.height - 1),\(s.width - 1)")
    }
    let spatial = model.layers.indices.filter { model.layers[$0].drawnKernel != nil }.map { $0 + 1 }
    let chosen = row ?? spatial.first ?? 0
    try TestImage.checkRow(chosen, in: model)
    guard !model.shapes[chosen].isFlat else {
      throw .notSpatial(row: chosen, layer: model.specs[chosen - 1].description)
    }
    var moved = Tensor(batch: 1, shape: s)
    for c in 0..<s.channels {
      for y in 0..<s.height where (0..<s.height).contains(y - dy) {
        for x in 0..<s.width where (0..<s.width).contains(x - dx) {
          moved[0, c, y, x] = pixels[0, c, y - dy, x - dx]
        }
      }
    }
    let context = ComputeContext(mode: .inference, threads: threads)
    func run(_ p: Tensor) -> (Tensor, (Int, Float)) {
      let x = Tensor(
        batch: 1, shape: s, storage: p.storage.map { ($0 - normalization.mean) / normalization.std })
      let outputs = model.forwardCollecting(x, context: context)
      let probabilities = ClassScore.probabilities(
        outputs[model.layers.count], sample: 0, model: model)
      let i = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
      return (outputs[chosen], (i, probabilities[i]))
    }
    let (mapsBefore, before) = run(pixels)
    let (mapsAfter, after) = run(moved)
    let field = model.field(ofRow: chosen)
    let jump = max(1, Int(field.jump.rounded()))
    var mapShift: (dy: Int, dx: Int)?
    var difference: Float?
    var compared = 0
    if dy % jump == 0, dx % jump == 0, field.jump >= 1 {
      let (my, mx) = (dy / jump, dx / jump)
      mapShift = (my, mx)
      let m = mapsBefore.shape
      // Cells whose field (plus its reach past the window) stays clear of every border.
      let margin = Int((field.size / Double(jump)).rounded(.up))
      var largest: Float = 0
      for c in 0..<m.channels {
        for y in margin..<max(margin, m.height - margin) {
          for x in margin..<max(margin, m.width - margin) {
            let (py, px) = (y - my, x - mx)
            guard (margin..<(m.height - margin)).contains(py),
              (margin..<(m.width - margin)).contains(px)
            else { continue }
            largest = max(largest, abs(mapsAfter[0, c, y, x] - mapsBefore[0, c, py, px]))
            compared += 1
          }
        }
      }
      difference = compared > 0 ? largest : nil
    }
    return ShiftComparison(
      index: index, label: label, shift: (dy, dx), original: pixels, shifted: moved,
      before: before, after: after, row: chosen,
      layer: chosen == 0 ? "input" : model.specs[chosen - 1].description, mapsBefore: mapsBefore,
      mapsAfter: mapsAfter, jump: jump, mapShift: mapShift, largestDifference: difference,
      comparedCells: compared)
  }
}
