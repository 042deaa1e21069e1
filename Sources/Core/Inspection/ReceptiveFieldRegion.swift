/// The input rectangle one unit of a row can see (`show rf L`).
///
/// Sizes come from the layers' own ``Layer/receptiveField(after:input:)`` rules (the summary's
/// RF column); the position adds, per axis, the centre `start` of unit 0 on the input:
///
///     window layer (k_eff, stride s, padding before p):   start' = start + ((k_eff − 1)/2 − p)·jump
///     gap over H (or W):                                  start' = start + (H − 1)/2 · jump
///     deconv k, s, pad P; maxunpool of a k, s, P pool:    start' = start + (P − (k − 1)/2)/s · jump
///     upsample K:                                         start' = start − (K − 1)/(2K) · jump
///
/// Unit `u` is centred at `start + u·jump`; its rectangle starts at the pixel nearest to
/// `centre − (size − 1)/2` (halves rounded down)
/// and is `⌈size⌉` pixels wide (the summary's number), then clipped to the image. A flat row
/// (after `flatten` or `dense`) sees the whole image: its region is the image itself.
public struct ReceptiveFieldRegion: Hashable, Sendable {
  public let row: Int
  /// The unit `(y, x)` of the row (`(0, 0)` for a flat row).
  public let unitY: Int
  public let unitX: Int
  /// Side in pixels as the summary prints it (`⌈size⌉`).
  public let side: Int
  /// The rectangle before clipping (inclusive; may reach outside the image, into the padding).
  public let rows: ClosedRange<Int>
  public let columns: ClosedRange<Int>
  /// The part inside the image.
  public let visibleRows: ClosedRange<Int>
  public let visibleColumns: ClosedRange<Int>
  public let inputHeight: Int
  public let inputWidth: Int

  /// Whether the rectangle reaches outside the image.
  public var isClipped: Bool { rows != visibleRows || columns != visibleColumns }

  /// The region of unit `unit` of row `row` (its centre unit `(⌊(H−1)/2⌋, ⌊(W−1)/2⌋)` when nil).
  public static func compute(model: Sequential, row: Int, unit: (y: Int, x: Int)? = nil)
    throws(InspectionError) -> ReceptiveFieldRegion
  {
    try TestImage.checkRow(row, in: model)
    guard let input = model.inputShape else { throw .emptyModel }
    let all = (0...(input.height - 1), 0...(input.width - 1))
    let outShape = model.shapes[row]
    if outShape.isFlat {
      return ReceptiveFieldRegion(
        row: row, unitY: 0, unitX: 0, side: max(input.height, input.width), rows: all.0,
        columns: all.1, visibleRows: all.0, visibleColumns: all.1, inputHeight: input.height,
        inputWidth: input.width)
    }
    let (uy, ux) = unit ?? ((outShape.height - 1) / 2, (outShape.width - 1) / 2)
    guard (0..<outShape.height).contains(uy), (0..<outShape.width).contains(ux) else {
      throw .invalidOption(
        name: "unit", value: "\(uy),\(ux)",
        hint: "row \(row) is \(outShape); pick y < \(outShape.height) and x < \(outShape.width)")
    }
    // Along the path that gives the row its (largest) field: the field and the input position
    // of unit (0, 0)'s centre after each row of the path.
    var field = ReceptiveField.input
    var startY = 0.0
    var startX = 0.0
    let path = model.receptivePath(toRow: row)
    for (source, r) in zip(path, path.dropFirst()) {
      let layer = model.layers[r - 1]
      let shape = model.shapes[source]
      let (dy, dx) = layer.window.centreOffset(input: shape)
      startY += dy * field.jump
      startX += dx * field.jump
      field = layer.receptiveField(after: field, input: shape)
    }
    let side = field.pixels
    func span(_ start: Double, _ u: Int, _ limit: Int) -> (ClosedRange<Int>, ClosedRange<Int>) {
      // The nearest pixel, halves rounded down: a fractional centre (upsampling) lands on the
      // pixel nearest-neighbour picks; a deconv's half-pixel centre on the first it reads.
      let position = (start + Double(u) * field.jump - (field.size - 1) / 2 + 0.5 - 1e-9)
        .rounded(.down)
      // Stacked strides can push the region past any Int, even to ±infinity: clamp as `pixels`.
      let first = position.isNaN ? 0 : Int(max(min(position, 0x1p61), -0x1p61))
      let range = first...(first + side - 1)
      let low = min(max(range.lowerBound, 0), limit - 1)
      let high = max(min(range.upperBound, limit - 1), low)
      return (range, low...high)
    }
    let (r, vr) = span(startY, uy, input.height)
    let (c, vc) = span(startX, ux, input.width)
    return ReceptiveFieldRegion(
      row: row, unitY: uy, unitX: ux, side: side, rows: r, columns: c, visibleRows: vr,
      visibleColumns: vc, inputHeight: input.height, inputWidth: input.width)
  }
}
