/// The plane loops of a depthwise convolution, 8 output columns at a time, on a zero-bordered
/// copy of each input plane so no window needs a bounds test (any kernel, stride, padding).
///
/// Padded plane: input `(iy, ix)` sits at `(iy + padTop, ix + padLeft)`; window `(oy, ox)`
/// starts at `(oy·s, ox·s)`. Rows are `width` apart, wide enough that 8 (16 at stride 2)
/// columns read past the last output never leave the row. Outputs and output gradients are
/// staged in rows rounded up to 8 columns (`stagedWidth`), the extra columns 0.
///
/// Each output adds its terms in `(ky, kx)` order after its starting value, as the scalar
/// definition does; padding contributes `w·0`.
struct DepthwisePlanes {
  /// The geometry's numbers (no arrays: the plane loops copy this struct freely).
  let kernel, stride, height, inputWidth, padTop, padLeft, outputHeight, outputWidth: Int
  /// Rows and row length of a padded input plane.
  let rows: Int
  let width: Int
  /// Row length of a staged output plane: `Wout` rounded up to 8.
  let stagedWidth: Int

  init(geometry g: Im2col.Geometry) {
    (kernel, stride, height, inputWidth) = (g.kernel, g.stride, g.height, g.width)
    (padTop, padLeft, outputHeight, outputWidth) = (
      g.padTop, g.padLeft, g.outputHeight, g.outputWidth
    )
    let (k, s) = (g.kernel, g.stride)
    stagedWidth = (g.outputWidth + 7) / 8 * 8
    rows = (g.outputHeight - 1) * s + k
    width = max(g.width + g.padLeft, s * stagedWidth + k + 16)
    let planes = max(g.height * g.width, g.outputHeight * stagedWidth)
    let (size, overflow) = rows.multipliedReportingOverflow(by: width)
    fitsInCopy = !overflow && size <= 4 * planes + 65_536
  }

  /// Values of a padded input plane.
  var paddedCount: Int { rows * width }

  /// Whether the copies stay small: at most 4 input or output planes plus 64 Ki values each
  /// (a huge stride or padding makes the padded plane far larger than either; those layers
  /// take ``DepthwiseWindowLoops``).
  let fitsInCopy: Bool
  /// Values of a staged output plane.
  var stagedCount: Int { outputHeight * stagedWidth }

  /// Writes `plane` (`H x W`) into the inside of `padded`. The border is never written: zero
  /// it once (`padded.initialize(repeating: 0, count: paddedCount)`) before the first plane.
  func pad(_ plane: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
    let firstRow = max(0, -padTop)
    let lastRow = min(height, rows - padTop)
    let columns = min(inputWidth, width - padLeft)
    guard columns > 0 else { return }
    for iy in firstRow..<max(firstRow, lastRow) {
      (padded + (iy + padTop) * width + padLeft).update(
        from: plane + iy * inputWidth, count: columns)
    }
  }

  /// The 8 inputs window column `kx` of outputs `ox … ox + 7` reads in the padded row `row`.
  @inline(__always)
  private func inputs(_ row: UnsafePointer<Float>, column ox: Int, kx: Int) -> SIMD8<Float> {
    VectorKernels.stridedLanes(row, first: ox, stride: stride, offset: kx)
  }

  /// `out[oy, ox] = start[o] + Σ(ky,kx) w[ky, kx]·padded[oy·s + ky, ox·s + kx]` into the NCHW
  /// output plane `out` (`Hout x Wout`), with `start` the bias (0 without one).
  func forward(
    _ padded: UnsafePointer<Float>, kernel w: UnsafePointer<Float>, start: Float,
    into out: UnsafeMutablePointer<Float>
  ) {
    let (k, s, wOut) = (kernel, stride, outputWidth)
    if k == 3 {
      forward3x3(padded, kernel: w, start: start, into: out)
      return
    }
    for oy in 0..<outputHeight {
      let target = out + oy * wOut
      var ox = 0
      while ox < wOut {
        var sum = SIMD8<Float>(repeating: start)
        for ky in 0..<k {
          let row = padded + (oy * s + ky) * width
          for kx in 0..<k {
            sum += SIMD8(repeating: w[ky * k + kx]) * inputs(row, column: ox, kx: kx)
          }
        }
        if ox + 8 <= wOut {
          UnsafeMutableRawPointer(target + ox).storeBytes(of: sum, as: SIMD8<Float>.self)
        } else {
          for lane in 0..<(wOut - ox) { target[ox + lane] = sum[lane] }
        }
        ox += 8
      }
    }
  }

  /// ``forward(_:kernel:start:into:)`` for a 3x3 kernel: the nine weights are broadcast once
  /// per plane and the window is unrolled (1.6x faster than the loops over `ky, kx`); the same
  /// terms in the same order, so the same sums.
  @inline(__always)
  private func forward3x3(
    _ padded: UnsafePointer<Float>, kernel w: UnsafePointer<Float>, start: Float,
    into out: UnsafeMutablePointer<Float>
  ) {
    let (s, wOut) = (stride, outputWidth)
    let (w0, w1, w2) = (SIMD8(repeating: w[0]), SIMD8(repeating: w[1]), SIMD8(repeating: w[2]))
    let (w3, w4, w5) = (SIMD8(repeating: w[3]), SIMD8(repeating: w[4]), SIMD8(repeating: w[5]))
    let (w6, w7, w8) = (SIMD8(repeating: w[6]), SIMD8(repeating: w[7]), SIMD8(repeating: w[8]))
    let first = SIMD8<Float>(repeating: start)
    for oy in 0..<outputHeight {
      let target = out + oy * wOut
      let top = padded + oy * s * width
      let (middle, bottom) = (top + width, top + 2 * width)
      var ox = 0
      while ox < wOut {
        var sum = first
        sum += w0 * inputs(top, column: ox, kx: 0)
        sum += w1 * inputs(top, column: ox, kx: 1)
        sum += w2 * inputs(top, column: ox, kx: 2)
        sum += w3 * inputs(middle, column: ox, kx: 0)
        sum += w4 * inputs(middle, column: ox, kx: 1)
        sum += w5 * inputs(middle, column: ox, kx: 2)
        sum += w6 * inputs(bottom, column: ox, kx: 0)
        sum += w7 * inputs(bottom, column: ox, kx: 1)
        sum += w8 * inputs(bottom, column: ox, kx: 2)
        if ox + 8 <= wOut {
          UnsafeMutableRawPointer(target + ox).storeBytes(of: sum, as: SIMD8<Float>.self)
        } else {
          for lane in 0..<(wOut - ox) { target[ox + lane] = sum[lane] }
        }
        ox += 8
      }
    }
  }

  /// Copies the NCHW gradient plane `dy` (`Hout x Wout`) into `staged` rows of `stagedWidth`,
  /// the extra columns 0.
  func stage(_ dy: UnsafePointer<Float>, into staged: UnsafeMutablePointer<Float>) {
    let (hOut, wOut) = (outputHeight, outputWidth)
    for oy in 0..<hOut {
      let row = staged + oy * stagedWidth
      row.update(from: dy + oy * wOut, count: wOut)
      (row + wOut).update(repeating: 0, count: stagedWidth - wOut)
    }
  }

  /// For one output plane with staged gradient `dy`: `dW[ky, kx] += Σ dy[oy, ox]·padded[oy·s +
  /// ky, ox·s + kx]` (8 lanes, then their sum) and `paddedGradient[oy·s + ky, ox·s + kx] +=
  /// w[ky, kx]·dy[oy, ox]`.
  func backward(
    _ dy: UnsafePointer<Float>, padded: UnsafePointer<Float>, kernel w: UnsafePointer<Float>,
    kernelGradient dW: UnsafeMutablePointer<Float>,
    paddedGradient dP: UnsafeMutablePointer<Float>
  ) {
    let (k, s) = (kernel, stride)
    for ky in 0..<k {
      for kx in 0..<k {
        let weight = w[ky * k + kx]
        let scale = SIMD8<Float>(repeating: weight)
        var lanes = SIMD8<Float>()
        for oy in 0..<outputHeight {
          let gradientRow = dy + oy * stagedWidth
          let inputRow = padded + (oy * s + ky) * width
          let targetRow = dP + (oy * s + ky) * width + kx
          for ox in Swift.stride(from: 0, to: stagedWidth, by: 8) {
            let d = UnsafeRawPointer(gradientRow + ox).loadUnaligned(as: SIMD8<Float>.self)
            lanes += d * inputs(inputRow, column: ox, kx: kx)
            if s == 1 {
              let raw = UnsafeMutableRawPointer(targetRow + ox)
              let sum = raw.loadUnaligned(as: SIMD8<Float>.self) + scale * d
              raw.storeBytes(of: sum, as: SIMD8<Float>.self)
            } else if s == 2 {
              // Every other column: the odd lanes add 0.
              let v = scale * d
              let spread = SIMD16<Float>(
                v[0], 0, v[1], 0, v[2], 0, v[3], 0, v[4], 0, v[5], 0, v[6], 0, v[7], 0)
              let raw = UnsafeMutableRawPointer(targetRow + 2 * ox)
              let sum = raw.loadUnaligned(as: SIMD16<Float>.self) + spread
              raw.storeBytes(of: sum, as: SIMD16<Float>.self)
            } else {
              for lane in 0..<8 { targetRow[(ox + lane) * s] += weight * d[lane] }
            }
          }
        }
        dW[ky * k + kx] += lanes.sum()
      }
    }
  }

  // MARK: - 3x3, stride 1

  /// Whether ``backward3x3(_:padded:kernel:kernelGradient:inputGradient:)`` applies: a 3x3
  /// kernel at stride 1 (MobileNet's depthwise convs), whose dLoss/dInput can be gathered.
  var gathersInputGradient: Bool { kernel == 3 && stride == 1 }

  /// Row length of a bordered gradient plane: the staged rows with 2 zero columns on the left,
  /// room on the right for any 8 columns a gather reads.
  var borderedWidth: Int { 2 + max(stagedWidth, padLeft + (inputWidth + 7) / 8 * 8) + 8 }
  /// Values of a bordered gradient plane: 2 zero rows above and below the `Hout` rows.
  var borderedCount: Int { (outputHeight + 4) * borderedWidth }

  /// Copies the NCHW gradient plane `dy` (`Hout x Wout`) into the inside of `bordered`
  /// (output `(oy, ox)` at `(oy + 2, ox + 2)`). The rest is never written: zero it once
  /// (`bordered.initialize(repeating: 0, count: borderedCount)`) before the first plane.
  func stageBordered(_ dy: UnsafePointer<Float>, into bordered: UnsafeMutablePointer<Float>) {
    for oy in 0..<outputHeight {
      (bordered + (oy + 2) * borderedWidth + 2).update(
        from: dy + oy * outputWidth, count: outputWidth)
    }
  }

  /// ``backward(_:padded:kernel:kernelGradient:paddedGradient:)`` for a 3x3 kernel at stride 1,
  /// from the bordered gradient `dy`: `dW[ky, kx] += Σ dy·padded` with the same lanes and order,
  /// and dLoss/dInput added straight into the input plane `dx` (`H x W`) as the gather
  /// `dx[iy, ix] += Σ(ky,kx) w[ky, kx]·dy[iy + pt − ky, ix + pl − kx]`, the terms in `(ky, kx)`
  /// order as the scatter adds them (a term from outside the output adds 0, which changes no
  /// sum that started at 0).
  func backward3x3(
    _ dy: UnsafePointer<Float>, padded: UnsafePointer<Float>, kernel w: UnsafePointer<Float>,
    kernelGradient dW: UnsafeMutablePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>
  ) {
    let bw = borderedWidth
    for ky in 0..<3 {
      var (a0, a1, a2) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
      for oy in 0..<outputHeight {
        let gradientRow = dy + (oy + 2) * bw + 2
        let inputRow = padded + (oy + ky) * width
        for ox in Swift.stride(from: 0, to: stagedWidth, by: 8) {
          let d = UnsafeRawPointer(gradientRow + ox).loadUnaligned(as: SIMD8<Float>.self)
          a0 += d * inputs(inputRow, column: ox, kx: 0)
          a1 += d * inputs(inputRow, column: ox, kx: 1)
          a2 += d * inputs(inputRow, column: ox, kx: 2)
        }
      }
      dW[3 * ky] += a0.sum()
      dW[3 * ky + 1] += a1.sum()
      dW[3 * ky + 2] += a2.sum()
    }
    let (w0, w1, w2) = (SIMD8(repeating: w[0]), SIMD8(repeating: w[1]), SIMD8(repeating: w[2]))
    let (w3, w4, w5) = (SIMD8(repeating: w[3]), SIMD8(repeating: w[4]), SIMD8(repeating: w[5]))
    let (w6, w7, w8) = (SIMD8(repeating: w[6]), SIMD8(repeating: w[7]), SIMD8(repeating: w[8]))
    @inline(__always) func at(_ row: UnsafePointer<Float>, _ x: Int) -> SIMD8<Float> {
      UnsafeRawPointer(row + x).loadUnaligned(as: SIMD8<Float>.self)
    }
    for iy in 0..<height {
      // Output row y − ky is bordered row y − ky + 2, column x − kx at x − kx + 2.
      let y = iy + padTop
      let top = dy + (y + 2) * bw + 2
      let (middle, bottom) = (top - bw, top - 2 * bw)
      let target = dx + iy * inputWidth
      var ix = 0
      while ix < inputWidth {
        let x = ix + padLeft
        let whole = ix + 8 <= inputWidth
        var sum = SIMD8<Float>()
        if whole {
          sum = UnsafeRawPointer(target + ix).loadUnaligned(as: SIMD8<Float>.self)
        } else {
          for lane in 0..<(inputWidth - ix) { sum[lane] = target[ix + lane] }
        }
        sum += w0 * at(top, x)
        sum += w1 * at(top, x - 1)
        sum += w2 * at(top, x - 2)
        sum += w3 * at(middle, x)
        sum += w4 * at(middle, x - 1)
        sum += w5 * at(middle, x - 2)
        sum += w6 * at(bottom, x)
        sum += w7 * at(bottom, x - 1)
        sum += w8 * at(bottom, x - 2)
        if whole {
          UnsafeMutableRawPointer(target + ix).storeBytes(of: sum, as: SIMD8<Float>.self)
        } else {
          for lane in 0..<(inputWidth - ix) { target[ix + lane] = sum[lane] }
        }
        ix += 8
      }
    }
  }

  /// Writes the input plane's part of `paddedGradient` into `dx` (`H x W`, overwritten).
  func unpad(_ paddedGradient: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
    dx.initialize(repeating: 0, count: height * inputWidth)
    let firstRow = max(0, -padTop)
    let lastRow = min(height, rows - padTop)
    let columns = min(inputWidth, width - padLeft)
    guard columns > 0 else { return }
    for iy in firstRow..<max(firstRow, lastRow) {
      (dx + iy * inputWidth).update(
        from: paddedGradient + (iy + padTop) * width + padLeft, count: columns)
    }
  }
}
