/// The depthwise plane loops without a padded copy, bounds taken from the geometry's valid
/// ranges: for geometries whose padded plane would be too large to copy (huge stride or
/// padding; see ``DepthwisePlanes/fitsInCopy``). Same sums, same order.
enum DepthwiseWindowLoops {
  /// `out[oy, ox] += Σ(ky,kx) w[ky, kx] · x[oy·s − pt + ky, ox·s − pl + kx]` for one plane.
  static func accumulateForward(
    _ x: UnsafePointer<Float>, kernel w: UnsafePointer<Float>, geometry g: Im2col.Geometry,
    into out: UnsafeMutablePointer<Float>
  ) {
    let (k, s, wOut) = (g.kernel, g.stride, g.outputWidth)
    for ky in 0..<k {
      for kx in 0..<k {
        let weight = w[ky * k + kx]
        let dx = kx - g.padLeft
        let valid = g.columnRanges[kx]
        if valid.isEmpty { continue }
        for oy in g.rowRanges[ky] {
          let iy = oy * s + ky - g.padTop
          let row = out + oy * wOut
          let source = x + iy * g.width + dx
          if s == 1 {
            VectorKernels.axpy(
              weight, source + valid.lowerBound, row + valid.lowerBound, count: valid.count)
          } else {
            for ox in valid { row[ox] += weight * source[ox * s] }
          }
        }
      }
    }
  }

  /// For one plane: `dW[ky, kx] += Σ dy[oy, ox]·x[iy, ix]` and `dx[iy, ix] += w[ky, kx]·dy[oy, ox]`.
  static func accumulateBackward(
    _ dy: UnsafePointer<Float>, input x: UnsafePointer<Float>, kernel w: UnsafePointer<Float>,
    geometry g: Im2col.Geometry, kernelGradient dW: UnsafeMutablePointer<Float>,
    inputGradient dx: UnsafeMutablePointer<Float>
  ) {
    let (k, s, wOut) = (g.kernel, g.stride, g.outputWidth)
    for ky in 0..<k {
      for kx in 0..<k {
        let weight = w[ky * k + kx]
        let offset = kx - g.padLeft
        let valid = g.columnRanges[kx]
        if valid.isEmpty { continue }
        var (lanes, sum) = (SIMD8<Float>(), Float(0))
        for oy in g.rowRanges[ky] {
          let iy = oy * s + ky - g.padTop
          let row = dy + oy * wOut
          let source = x + iy * g.width + offset
          let target = dx + iy * g.width + offset
          if s == 1 {
            let (low, count) = (valid.lowerBound, valid.count)
            VectorKernels.addDot(row + low, source + low, count: count, lanes: &lanes, tail: &sum)
            VectorKernels.axpy(weight, row + low, target + low, count: count)
          } else {
            for ox in valid {
              sum += row[ox] * source[ox * s]
              target[ox * s] += weight * row[ox]
            }
          }
        }
        dW[ky * k + kx] += lanes.sum() + sum
      }
    }
  }
}
