/// How the loss of one image changes with each activation of a row (`show grad L`):
///
///     g[c, y, x] = ∂Loss / ∂a[c, y, x]      a: row L's output for the image (batch of one)
///
/// The loss is the one `train` uses (cross-entropy against the label, or an autoencoder's
/// squared error), one forward and one backward in inference mode. When every row that reads
/// row L is a max-pool, ``maxPoolRouting`` checks the rule backprop follows through a max: the
/// gradient reaches only the cell that won its window (the argmax); every other cell gets 0.
public struct RowGradient: Sendable {
  /// A max-pool's routing of the gradient back to row L.
  public struct MaxPoolRouting: Sendable, Equatable {
    /// The max-pool rows that read row L.
    public let rows: [Int]
    /// Cells of row L with a non-zero gradient, and all cells.
    public let nonZero: Int
    public let cells: Int
    /// Cells with a non-zero gradient that are *not* the largest value of any window that
    /// holds them (0 when the routing is right).
    public let offMaximum: Int
  }

  public let row: Int
  public let layer: String
  public let shape: Shape
  /// `[1, C, H, W]`: ∂Loss/∂(row L's output).
  public let gradient: Tensor
  /// The row's output, for the routing check and the picture beside the gradient.
  public let activation: Tensor
  public let loss: Float
  public let label: Int
  public let maxPoolRouting: MaxPoolRouting?

  /// The gradient at row `row` (0 is the input) for test image `index`.
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int, row: Int,
    threads: Int = 1
  ) throws(InspectionError) -> RowGradient {
    try TestImage.checkRow(row, in: model)
    let (image, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    let context = ComputeContext(mode: .inference, threads: threads)
    let outputs = model.forwardCollecting(image, context: context)
    let top = try LossGradient.compute(
      model: model, outputs: outputs[model.layers.count], inputs: image, labels: [label],
      classes: data.classNames.count)
    let g = model.backward(
      top.gradient, fromRow: model.layers.count, downToRow: row, context: context,
      throughActivation: top.throughActivation)
    let readers = model.wiring.readers[row]
    let pools = readers.compactMap { r in (model.layers[r - 1] as? any MaximumPooling).map { (r, $0) } }
    let routing =
      !readers.isEmpty && pools.count == readers.count
      ? Self.routing(gradient: g, activation: outputs[row], pools: pools) : nil
    return RowGradient(
      row: row, layer: row == 0 ? "input" : model.specs[row - 1].description,
      shape: model.shapes[row], gradient: g, activation: outputs[row], loss: top.loss,
      label: label, maxPoolRouting: routing)
  }

  /// Counts the cells with a gradient and those of them that are no window's maximum.
  static func routing(gradient g: Tensor, activation a: Tensor, pools: [(Int, any MaximumPooling)])
    -> MaxPoolRouting
  {
    let s = a.shape
    var isMaximum = [Bool](repeating: false, count: s.count)
    for (_, pool) in pools {
      let (k, st, p) = (pool.kernel, pool.stride, pool.padding)
      let outH = (s.height + 2 * p - k) / st + 1
      let outW = (s.width + 2 * p - k) / st + 1
      for c in 0..<s.channels {
        for oy in 0..<max(outH, 0) {
          for ox in 0..<max(outW, 0) {
            var best = -Float.infinity
            var cells: [Int] = []
            for ky in 0..<k {
              for kx in 0..<k {
                let (iy, ix) = (oy * st - p + ky, ox * st - p + kx)
                guard (0..<s.height).contains(iy), (0..<s.width).contains(ix) else { continue }
                let j = (c * s.height + iy) * s.width + ix
                if a.storage[j] > best {
                  best = a.storage[j]
                  cells = [j]
                } else if a.storage[j] == best {
                  cells.append(j)
                }
              }
            }
            for j in cells { isMaximum[j] = true }
          }
        }
      }
    }
    var nonZero = 0
    var off = 0
    for j in 0..<s.count where g.storage[j] != 0 {
      nonZero += 1
      if !isMaximum[j] { off += 1 }
    }
    return MaxPoolRouting(
      rows: pools.map(\.0), nonZero: nonZero, cells: s.count, offMaximum: off)
  }
}
