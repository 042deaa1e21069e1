/// Max pooling with any window, stride and padding, 8 outputs of a row at a time, on a copy of
/// each input plane bordered with −∞ so no window needs clipping.
///
/// Bordered plane: input `(iy, ix)` sits at `(iy + P, ix + P)`, everything else is −∞; window
/// `(oy, ox)` starts at `(oy·S, ox·S)`. Rows are `width` apart, wide enough that the 8 (at
/// stride 2, 16) values read for a last, partial block of outputs never leave the row.
///
/// Same result as ``Pooling/maxForward(input:output:argmax:planes:)``'s window loop, lane by
/// lane: cells are compared in row-major order, a cell is taken when it is larger than the best
/// so far or NaN, and the index starts at the window's first real cell. A −∞ border cell is
/// never larger and never NaN, so it is never taken, as the clipped loop never looks at it.
struct MaxPoolPlanes {
  let window: Pooling
  /// Rows and row length of a bordered plane.
  let rows: Int
  let width: Int
  /// Whether the bordered plane stays small (at most 4 input or output planes plus 64 Ki
  /// values); otherwise the window loop runs.
  let fitsInCopy: Bool

  init(_ window: Pooling) {
    self.window = window
    let (k, s, p) = (window.kernel, window.stride, window.padding)
    let staged = (window.outWidth + 7) / 8 * 8
    var fits = false
    var (rows, width) = (0, 0)
    let (span, o1) = (window.outHeight - 1).multipliedReportingOverflow(by: s)
    let (wide, o2) = staged.multipliedReportingOverflow(by: s)
    if !o1 && !o2 && window.outHeight > 0 && window.outWidth > 0 {
      rows = span + k
      width = max(window.inWidth + p, wide + k + 1)
      let (size, o3) = rows.multipliedReportingOverflow(by: width)
      fits = !o3 && size <= 4 * (window.inPlane + window.outPlane) + 65_536
    }
    (self.rows, self.width, fitsInCopy) = (rows, width, fits)
  }

  /// Values of a bordered plane.
  var count: Int { rows * width }

  /// Writes `plane` (`H x W`) into the inside of `padded`. The border is never written: fill it
  /// once (`padded.initialize(repeating: -.infinity, count: count)`) before the first plane.
  func pad(_ plane: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
    let p = window.padding
    let lastRow = min(window.inHeight, rows - p)
    let columns = min(window.inWidth, width - p)
    guard columns > 0, lastRow > 0 else { return }
    for iy in 0..<lastRow {
      (padded + (iy + p) * width + p).update(from: plane + iy * window.inWidth, count: columns)
    }
  }

  /// The 8 cells window column `kx` of outputs `ox … ox + 7` reads in the bordered row `row`.
  @inline(__always)
  private func cells(_ row: UnsafePointer<Float>, column ox: Int, kx: Int) -> SIMD8<Float> {
    VectorKernels.stridedLanes(row, first: ox, stride: window.stride, offset: kx)
  }

  /// One plane: maxima into `output` (`Hout x Wout`) and their flat input indices `y·W + x`
  /// into `argmax`, from the bordered plane `padded`.
  func forward(
    _ padded: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>
  ) {
    let (k, s, p) = (window.kernel, window.stride, window.padding)
    let (inWidth, outWidth) = (window.inWidth, window.outWidth)
    let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
    let laneStep = lanes &* Int32(s)
    for oy in 0..<window.outHeight {
      let top = oy * s - p
      let firstRow = Int32(max(top, 0) * inWidth)  // each window's first real row
      var ox = 0
      while ox < outWidth {
        // Each lane's first real cell: its clipped window's top-left.
        let left = SIMD8<Int32>(repeating: Int32(ox * s - p)) &+ laneStep
        var index = firstRow &+ left
        if ox * s < p {  // lanes whose window starts in the left padding: at column 0
          for lane in 0..<8 where left[lane] < 0 { index[lane] = firstRow }
        }
        var best = SIMD8<Float>(repeating: -.infinity)
        for ky in 0..<k {
          let row = padded + (oy * s + ky) * width
          let rowStart = SIMD8<Int32>(repeating: Int32((top + ky) * inWidth)) &+ left
          for kx in 0..<k {
            let v = cells(row, column: ox, kx: kx)
            let take = (v .> best) .| (v .!= v)
            best.replace(with: v, where: take)
            index.replace(with: rowStart &+ Int32(kx), where: take)
          }
        }
        let (out, at) = (output + oy * outWidth + ox, argmax + oy * outWidth + ox)
        if ox + 8 <= outWidth {
          UnsafeMutableRawPointer(out).storeBytes(of: best, as: SIMD8<Float>.self)
          UnsafeMutableRawPointer(at).storeBytes(of: index, as: SIMD8<Int32>.self)
        } else {
          for lane in 0..<(outWidth - ox) {
            out[lane] = best[lane]
            at[lane] = index[lane]
          }
        }
        ox += 8
      }
    }
  }
}
