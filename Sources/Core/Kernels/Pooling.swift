/// The window geometry of a 2-D pooling layer on one plane, and the pooling loops that use it.
///
/// A window of `kernel × kernel` cells moves by `stride`; the input has `padding` virtual cells on
/// every side (as PyTorch), so along each axis
///
///     out = ⌊(in + 2P − K)/S⌋ + 1
///
/// and output `(oy, ox)` covers input rows `oy·S − P ..< oy·S − P + K` (columns likewise),
/// clipped to the real input. With `P ≤ K/2` every window holds at least one real cell.
///
/// Every loop works on whole planes (one `(n, c)` pair of an NCHW tensor): plane `p` of the input
/// starts at `p·inPlane`, of the output at `p·outPlane`. Indices kept by max pooling are flat
/// positions `y·W + x` inside the input plane (PyTorch's `return_indices`).
struct Pooling {
  let inHeight: Int
  let inWidth: Int
  let outHeight: Int
  let outWidth: Int
  let kernel: Int
  let stride: Int
  let padding: Int

  init(input: Shape, kernel: Int, stride: Int, padding: Int) {
    inHeight = input.height
    inWidth = input.width
    outHeight = floorDiv(input.height + 2 * padding - kernel, stride) + 1
    outWidth = floorDiv(input.width + 2 * padding - kernel, stride) + 1
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
  }

  var inPlane: Int { inHeight * inWidth }
  var outPlane: Int { outHeight * outWidth }

  /// Checks a `K`/`S`/`P` pooling window on `input` and returns `out_h x out_w x C`.
  ///
  /// Refuses flat input, non-positive kernel or stride, negative padding, `P > K/2` (PyTorch's
  /// rule: a window could then hold only padding) and an output size below 1.
  static func outputShape(
    layer: String, input: Shape, kernel: Int, stride: Int, padding: Int
  ) throws(ShapeError) -> Shape {
    guard !input.isFlat else { throw .needsImageInput(layer: layer, input: input) }
    guard kernel >= 1 else {
      throw .invalidArgument(
        layer: layer, problem: "the window size must be at least 1, not \(kernel)",
        hint: "use a window of 2 or 3")
    }
    guard stride >= 1 else {
      throw .invalidArgument(
        layer: layer, problem: "the stride must be at least 1, not \(stride)",
        hint: "leave stride out to move by the window size")
    }
    guard padding >= 0 else {
      throw .invalidArgument(
        layer: layer, problem: "the padding must be 0 or more, not \(padding)",
        hint: "leave pad out for no padding")
    }
    guard padding <= kernel / 2 else {
      throw .invalidArgument(
        layer: layer,
        problem: "pad=\(padding) is more than half the \(kernel)x\(kernel) window "
          + "(at most \(kernel / 2))",
        hint: "use pad=\(kernel / 2) or less, as PyTorch requires")
    }
    let size = try ShapeError.windowOutput(
      layer: layer, input: input, kernel: kernel, stride: stride, padding: .explicit(padding))
    return Shape(height: size.height, width: size.width, channels: input.channels)
  }

  /// The real input rows (or columns) under output position `o` along an axis of `size` cells.
  @inline(__always)
  private func window(_ o: Int, size: Int) -> Range<Int> {
    let start = o * stride - padding
    return max(start, 0)..<min(start + kernel, size)
  }

  /// Calls `body(o, rows, cols)` for every output `o` of one plane (row-major), with the real
  /// input rows and columns under its window.
  @inline(__always)
  private func forEachWindow(_ body: (_ o: Int, _ rows: Range<Int>, _ cols: Range<Int>) -> Void) {
    var o = 0
    for oy in 0..<outHeight {
      let rows = window(oy, size: inHeight)
      for ox in 0..<outWidth {
        body(o, rows, window(ox, size: inWidth))
        o += 1
      }
    }
  }

  // MARK: - Max pooling

  /// `out = max` over each window's real cells (padding is −∞), `argmax` = its flat index.
  ///
  /// Ties keep the first cell in row-major order; a NaN wins and propagates (as PyTorch).
  func maxForward(
    input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutableBufferPointer<Int32>, planes: Range<Int>
  ) {
    if kernel == 2, stride == 2, padding == 0 {
      maxForward2x2(input: input, output: output, argmax: argmax, planes: planes)
      return
    }
    let bordered = MaxPoolPlanes(self)
    if bordered.fitsInCopy, let argmax = argmax.baseAddress {
      withUnsafeTemporaryAllocation(of: Float.self, capacity: bordered.count) { buffer in
        let padded = buffer.baseAddress!
        padded.initialize(repeating: -.infinity, count: bordered.count)
        for p in planes {
          bordered.pad(input + p * inPlane, into: padded)
          bordered.forward(padded, output: output + p * outPlane, argmax: argmax + p * outPlane)
        }
      }
      return
    }
    for p in planes {
      let src = input + p * inPlane
      let (dst, first) = (output + p * outPlane, p * outPlane)
      forEachWindow { o, rows, cols in
        let corner = rows.lowerBound * inWidth + cols.lowerBound
        var best = -Float.infinity
        var bestIndex = corner
        if rows.count == 2, cols.count == 2 {
          // The usual 2x2 window, unrolled (same row-major order).
          let below = corner + inWidth
          Self.keepMaximum(src[corner], at: corner, best: &best, index: &bestIndex)
          Self.keepMaximum(src[corner + 1], at: corner + 1, best: &best, index: &bestIndex)
          Self.keepMaximum(src[below], at: below, best: &best, index: &bestIndex)
          Self.keepMaximum(src[below + 1], at: below + 1, best: &best, index: &bestIndex)
        } else {
          for y in rows {
            for x in cols {
              Self.keepMaximum(
                src[y * inWidth + x], at: y * inWidth + x, best: &best, index: &bestIndex)
            }
          }
        }
        dst[o] = best
        argmax[first + o] = Int32(bestIndex)
      }
    }
  }

  /// The common `maxpool 2` (K = S = 2, no padding): every window is a full 2x2 block, so the
  /// loop walks two input rows at once with no window arithmetic. Same comparisons in the same
  /// order as the general loop (ties keep the first cell, NaN wins).
  private func maxForward2x2(
    input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutableBufferPointer<Int32>, planes: Range<Int>
  ) {
    guard let indices = argmax.baseAddress else { return }
    for p in planes {
      Self.maxPlane2x2(
        input + p * inPlane, outputHeight: outHeight, width: inWidth,
        into: output + p * outPlane, argmax: indices + p * outPlane, .none)
    }
  }

  /// What a fused `maxpool 2` applies to each cell before comparing: `relu?(x + bias)`,
  /// computed as ``ConvEpilogue`` writes an unpooled output (`x + b`, then `v < 0 ? 0 : v`).
  struct CellTransform {
    var bias: Float?
    var relu: Bool

    /// The plain pool: cells as they are.
    static let none = CellTransform(bias: nil, relu: false)

    @inline(__always) func callAsFunction(_ x: Float) -> Float {
      let v = bias.map { x + $0 } ?? x
      return relu && v < 0 ? 0 : v
    }

    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
      let v = bias.map { x + SIMD8(repeating: $0) } ?? x
      return relu ? v.replacing(with: 0, where: v .< 0) : v
    }
  }

  /// One plane of a `maxpool 2` over `transform(input)`: `outputHeight` pooled rows from a
  /// plane `width` wide (an odd last column is dropped), maxima and their flat indices
  /// `y·width + x` written row-major, compared as ``maxForward(input:output:argmax:planes:)``
  /// compares (ties keep the first cell, NaN wins). Four outputs at a time where a row has
  /// them (stride-2 lanes split from 8-wide loads), lane by lane the same comparisons.
  @inline(__always)
  static func maxPlane2x2(
    _ input: UnsafePointer<Float>, outputHeight: Int, width: Int,
    into output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>,
    _ transform: CellTransform
  ) {
    let outW = width / 2
    let lanes = SIMD4<Int32>(0, 2, 4, 6)
    let (right, below) = (SIMD4<Int32>(repeating: 1), SIMD4<Int32>(repeating: Int32(width)))
    for oy in 0..<outputHeight {
      let top = 2 * oy * width
      let (upper, lower) = (input + top, input + top + width)
      let (out, outArg) = (output + oy * outW, argmax + oy * outW)
      var ox = 0
      while ox + 4 <= outW {
        let x = 2 * ox
        let u = transform(UnsafeRawPointer(upper + x).loadUnaligned(as: SIMD8<Float>.self))
        let l = transform(UnsafeRawPointer(lower + x).loadUnaligned(as: SIMD8<Float>.self))
        let corner = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: top + x)) &+ lanes
        var best = u.evenHalf
        var index = corner
        @inline(__always) func keep(_ value: SIMD4<Float>, _ at: SIMD4<Int32>) {
          let take = (value .> best) .| (value .!= value)
          best.replace(with: value, where: take)
          index.replace(with: at, where: take)
        }
        keep(u.oddHalf, corner &+ right)
        keep(l.evenHalf, corner &+ below)
        keep(l.oddHalf, corner &+ below &+ right)
        UnsafeMutableRawPointer(out + ox).storeBytes(of: best, as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(outArg + ox).storeBytes(of: index, as: SIMD4<Int32>.self)
        ox += 4
      }
      while ox < outW {
        let x = 2 * ox
        var best = transform(upper[x])
        var index = top + x
        keepMaximum(transform(upper[x + 1]), at: top + x + 1, best: &best, index: &index)
        keepMaximum(transform(lower[x]), at: top + width + x, best: &best, index: &index)
        keepMaximum(transform(lower[x + 1]), at: top + width + x + 1, best: &best, index: &index)
        out[ox] = best
        outArg[ox] = Int32(truncatingIfNeeded: index)
        ox += 1
      }
    }
  }

  /// Takes `value` if it is larger than `best` or NaN (PyTorch's rule), with selects rather
  /// than branches: on real data half the comparisons would mispredict.
  @inline(__always)
  static func keepMaximum(_ value: Float, at i: Int, best: inout Float, index: inout Int) {
    let take = (value > best ? 1 : 0) | (value.isNaN ? 1 : 0) != 0
    best = take ? value : best
    index = take ? i : index
  }

  /// `dIn[argmax[o]] += dOut[o]` per plane (overlapping windows may share a cell).
  func maxBackward(
    outputGradient: UnsafePointer<Float>, argmax: UnsafeBufferPointer<Int32>,
    inputGradient: UnsafeMutablePointer<Float>, planes: Range<Int>
  ) {
    for p in planes {
      let dst = inputGradient + p * inPlane
      dst.update(repeating: 0, count: inPlane)
      for o in (p * outPlane)..<((p + 1) * outPlane) {
        dst[Int(argmax[o])] += outputGradient[o]
      }
    }
  }

  // MARK: - Average pooling

  /// `out = (Σ real cells of the window) / K²`: padded cells count as zeros in the divisor
  /// (PyTorch `count_include_pad=True`).
  func averageForward(
    input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, planes: Range<Int>
  ) {
    let scale = 1 / Float(kernel * kernel)
    if kernel == 2, stride == 2, padding == 0 {
      // `avgpool 2`: full 2x2 windows, summed in the same order as the general loop.
      let (w, outH, outW) = (inWidth, outHeight, outWidth)
      for p in planes {
        let (src, dst) = (input + p * inPlane, output + p * outPlane)
        for oy in 0..<outH {
          let (upper, lower, out) = (src + 2 * oy * w, src + (2 * oy + 1) * w, dst + oy * outW)
          for ox in 0..<outW {
            let x = 2 * ox
            var sum: Float = 0
            sum += upper[x]
            sum += upper[x + 1]
            sum += lower[x]
            sum += lower[x + 1]
            out[ox] = sum * scale
          }
        }
      }
      return
    }
    for p in planes {
      let (src, dst) = (input + p * inPlane, output + p * outPlane)
      forEachWindow { o, rows, cols in
        var sum: Float = 0
        for y in rows {
          for x in cols { sum += src[y * inWidth + x] }
        }
        dst[o] = sum * scale
      }
    }
  }

  /// `dIn[cell] += dOut[o] / K²` for every real cell of window `o`.
  func averageBackward(
    outputGradient: UnsafePointer<Float>, inputGradient: UnsafeMutablePointer<Float>,
    planes: Range<Int>
  ) {
    let scale = 1 / Float(kernel * kernel)
    if kernel == 2, stride == 2, padding == 0 {
      // `avgpool 2`: each cell lies in at most one window (the same sums as the general loop).
      let (w, outH, outW) = (inWidth, outHeight, outWidth)
      for p in planes {
        let (src, dst) = (outputGradient + p * outPlane, inputGradient + p * inPlane)
        dst.update(repeating: 0, count: inPlane)
        for oy in 0..<outH {
          let (upper, lower, row) = (dst + 2 * oy * w, dst + (2 * oy + 1) * w, src + oy * outW)
          for ox in 0..<outW {
            let (x, g) = (2 * ox, row[ox] * scale)
            upper[x] += g
            upper[x + 1] += g
            lower[x] += g
            lower[x + 1] += g
          }
        }
      }
      return
    }
    for p in planes {
      let (src, dst) = (outputGradient + p * outPlane, inputGradient + p * inPlane)
      dst.update(repeating: 0, count: inPlane)
      forEachWindow { o, rows, cols in
        let g = src[o] * scale
        for y in rows {
          for x in cols { dst[y * inWidth + x] += g }
        }
      }
    }
  }

  // MARK: - Max unpooling

  /// Max-unpooling (PyTorch `MaxUnpool2d`): a zero plane of the pool's input size with
  /// `unpooled[argmax[o]] = pooled[o]`; when windows overlap and share a cell, the later output
  /// (row-major) wins.
  func unpoolForward(
    pooled: UnsafePointer<Float>, argmax: UnsafeBufferPointer<Int32>,
    unpooled: UnsafeMutablePointer<Float>, planes: Range<Int>
  ) {
    for p in planes {
      let dst = unpooled + p * inPlane
      dst.update(repeating: 0, count: inPlane)
      for o in (p * outPlane)..<((p + 1) * outPlane) {
        dst[Int(argmax[o])] = pooled[o]
      }
    }
  }

  /// The gradient of unpooling: `dPooled[o] = dUnpooled[argmax[o]]` (a gather, as PyTorch).
  func unpoolBackward(
    unpooledGradient: UnsafePointer<Float>, argmax: UnsafeBufferPointer<Int32>,
    pooledGradient: UnsafeMutablePointer<Float>, planes: Range<Int>
  ) {
    for p in planes {
      let src = unpooledGradient + p * inPlane
      for o in (p * outPlane)..<((p + 1) * outPlane) {
        pooledGradient[o] = src[Int(argmax[o])]
      }
    }
  }
}
