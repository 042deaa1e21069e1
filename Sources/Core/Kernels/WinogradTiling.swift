/// Winograd F(2x2, 3x3) for any 3x3 stride-1 convolution, padded or not, of any size, and the
/// two products of its backward pass (see ``Winograd`` for the transforms).
///
/// Output tile `(ty, tx)` covers outputs `2·ty + 0…1`, `2·tx + 0…1`; its 4x4 input starts at
/// input row `2·ty − padTop` and column `2·tx − padLeft`, reading 0 outside the image. An odd
/// output's last tile row or column is computed and not written.
///
/// Backward, with `δ = dLoss/d(pre-activation)` (`[Cout, Hout, Wout]`):
///
///     dX = the same convolution of δ with the kernel turned 180° and Cin ↔ Cout swapped,
///          padding 2 − padTop above and 2 − padLeft left, output H x W
///     dU[ξ] = Σ_t dM_t[ξ] · V_t[ξ],   dM_t = A·δ_t·Aᵀ   (δ_t the tile's 2x2, 0 outside)
///     dW = Gᵀ·dU·G                   (the adjoint of U = G·g·Gᵀ)
///
/// so `dU[ξ] = dM[ξ]·V[ξ]ᵀ` is one GEMM (`Cout x Cin`, depth `T`) per position, 16 instead of
/// im2col's 36 multiplications per 2x2 outputs, like the forward pass and dX.
extension Winograd {
  /// Where the tiles of one plane lie: an input `height x width` read at offset
  /// `(−padTop, −padLeft)`, giving `outputHeight x outputWidth` outputs.
  struct Tiling: Equatable {
    let height, width: Int
    let padTop, padLeft: Int
    let outputHeight, outputWidth: Int
    /// Rows of a whole output plane when this tiling is a band of a taller one (see
    /// ``band(tileRows:)``); nil when the tiling covers its planes.
    var planeOutputHeight: Int? = nil

    /// Values between two output planes (a band writes into the whole map's planes).
    var outputPlaneSize: Int { (planeOutputHeight ?? outputHeight) * outputWidth }

    var tilesHigh: Int { (outputHeight + 1) / 2 }
    var tilesWide: Int { (outputWidth + 1) / 2 }
    var tilesPerImage: Int { tilesHigh * tilesWide }
    /// The plane every tile reads, padded: `2·tilesHigh + 2` rows of `2·tilesWide + 2`.
    var paddedHeight: Int { 2 * tilesHigh + 2 }
    var paddedWidth: Int { 2 * tilesWide + 2 }
    /// Whether every tile's input lies inside the image (no padded copy needed); a band may
    /// start below the first row (`padTop < 0`).
    var isInside: Bool {
      padTop <= 0 && padLeft == 0 && paddedHeight - padTop <= height && paddedWidth <= width
    }

    /// The tiles of rows `tileRows` alone: the same planes (the input read from row
    /// `2·tileRows.lowerBound − padTop` on), writing output rows `2·tileRows.lowerBound` on,
    /// which start ``bandOutputOffset(tileRows:)`` values into each output plane.
    func band(tileRows: Range<Int>) -> Tiling {
      let first = 2 * tileRows.lowerBound
      return Tiling(
        height: height, width: width, padTop: padTop - first, padLeft: padLeft,
        outputHeight: min(outputHeight, 2 * tileRows.upperBound) - first,
        outputWidth: outputWidth, planeOutputHeight: planeOutputHeight ?? outputHeight)
    }

    /// Where the band of `tileRows` starts in an output plane.
    func bandOutputOffset(tileRows: Range<Int>) -> Int { 2 * tileRows.lowerBound * outputWidth }

    /// Tile rows cut into even bands of at most `targetTiles` tiles (at least one row each);
    /// one band when the whole plane fits.
    func bands(targetTiles: Int) -> [Range<Int>] {
      let rows = max(1, min(tilesHigh, targetTiles / max(1, tilesWide)))
      let count = (tilesHigh + rows - 1) / rows
      return (0..<count).map { (tilesHigh * $0 / count)..<(tilesHigh * ($0 + 1) / count) }
    }

    /// The tiling of the convolution that gives dLoss/dInput from the output's gradient: input
    /// `outputHeight x outputWidth`, padding `2 − padTop`, `2 − padLeft`, output `height x width`.
    var inputGradient: Tiling {
      Tiling(
        height: outputHeight, width: outputWidth, padTop: 2 - padTop, padLeft: 2 - padLeft,
        outputHeight: height, outputWidth: width)
    }
  }

  /// `V = Bᵀ·d·B` for every tile of `images` NCHW images (`channels` planes laid out as
  /// `tiling` says), into `V[ξ, c, i·tilesPerImage + t]` (row length `tileCount`). Padded
  /// tilings go through a zero-bordered copy of each plane.
  static func transformInput(
    _ x: UnsafePointer<Float>, images: Int, channels: Int, tiling: Tiling, tileCount: Int,
    into v: UnsafeMutablePointer<Float>
  ) {
    let (height, width) = (tiling.height, tiling.width)
    let perImage = tiling.tilesPerImage
    let xi = planeStride(rows: channels, tileCount: tileCount)
    if tiling.isInside {
      transformInput(
        x - tiling.padTop * width, images: images, channels: channels, height: height, width: width,
        tilesHigh: tiling.tilesHigh, tilesWide: tiling.tilesWide, tileCount: tileCount, into: v)
      return
    }
    let (paddedHeight, paddedWidth) = (tiling.paddedHeight, tiling.paddedWidth)
    // The image rows and columns that land inside the padded plane.
    let firstRow = max(0, -tiling.padTop)
    let lastRow = min(height, paddedHeight - tiling.padTop)
    let firstColumn = max(0, -tiling.padLeft)
    let lastColumn = min(width, paddedWidth - tiling.padLeft)
    let columns = lastColumn - firstColumn
    withUnsafeTemporaryAllocation(of: Float.self, capacity: paddedHeight * paddedWidth) {
      buffer in
      let padded = buffer.baseAddress!
      // The border is the same for every plane: zeroed once, only the inside is copied.
      padded.initialize(repeating: 0, count: paddedHeight * paddedWidth)
      for i in 0..<images {
        for c in 0..<channels {
          let plane = x + (i * channels + c) * height * width
          if columns > 0 {
            for row in firstRow..<max(firstRow, lastRow) {
              (padded + (row + tiling.padTop) * paddedWidth + firstColumn + tiling.padLeft)
                .update(from: plane + row * width + firstColumn, count: columns)
            }
          }
          transformPlane(
            padded, rowStride: paddedWidth, tilesHigh: tiling.tilesHigh,
            tilesWide: tiling.tilesWide, xi: xi, into: v + c * tileCount + i * perImage)
        }
      }
    }
  }

  /// `Y = Aᵀ·M·A` for every tile, plus `bias[f]`, relu if asked, written NCHW
  /// `[images, filters, outputHeight, outputWidth]` (an odd last row or column dropped).
  static func output(
    _ m: UnsafePointer<Float>, images: Int, filters: Int, tiling: Tiling, tileCount: Int,
    bias: UnsafeBufferPointer<Float>?, relu: Bool, into target: UnsafeMutablePointer<Float>
  ) {
    let xi = planeStride(rows: filters, tileCount: tileCount)
    let (outHeight, outWidth) = (tiling.outputHeight, tiling.outputWidth)
    let (tilesHigh, tilesWide) = (tiling.tilesHigh, tiling.tilesWide)
    let perImage = tiling.tilesPerImage
    // Whole tile pairs of columns: 8 tiles at a time while their 16 columns are outputs.
    var wide = 0
    while wide + 8 <= tilesWide && 2 * (wide + 8) <= outWidth { wide += 8 }
    if wide == 0 {
      outputOfNarrowTiles(
        m, images: images, filters: filters, tiling: tiling, tileCount: tileCount, bias: bias,
        relu: relu, into: target)
      return
    }
    for f in 0..<filters {
      let b = bias?[f] ?? 0
      let bias8 = SIMD8<Float>(repeating: b)
      for i in 0..<images {
        let out = target + (i * filters + f) * tiling.outputPlaneSize
        let source = m + f * tileCount + i * perImage
        for ty in 0..<tilesHigh {
          let top = out + 2 * ty * outWidth
          let hasBottom = 2 * ty + 1 < outHeight
          let bottom = top + outWidth
          let row = source + ty * tilesWide
          for tx in stride(from: 0, to: wide, by: 8) {
            var (y00, y01, y10, y11) = tileOutputs(row + tx, xi, SIMD8<Float>.self)
            y00 += bias8
            y01 += bias8
            y10 += bias8
            y11 += bias8
            if relu {
              y00.replace(with: 0, where: y00 .< 0)
              y01.replace(with: 0, where: y01 .< 0)
              y10.replace(with: 0, where: y10 .< 0)
              y11.replace(with: 0, where: y11 .< 0)
            }
            let column = 2 * tx
            storeInterleaved(y00, y01, to: top + column)
            if hasBottom { storeInterleaved(y10, y11, to: bottom + column) }
          }
          for tx in wide..<tilesWide {
            let (y00, y01, y10, y11) = tileOutputs(row + tx, xi, Float.self)
            @inline(__always) func y(_ v: Float) -> Float {
              let w = v + b
              return relu && w < 0 ? 0 : w
            }
            let column = 2 * tx
            let hasRight = column + 1 < outWidth
            top[column] = y(y00)
            if hasRight { top[column + 1] = y(y01) }
            if hasBottom {
              bottom[column] = y(y10)
              if hasRight { bottom[column + 1] = y(y11) }
            }
          }
        }
      }
    }
  }

  /// ``output(_:images:filters:tiling:tileCount:bias:relu:into:)`` for maps fewer than 8 tiles
  /// wide (7x7 to 15x15 outputs): 8 consecutive tiles of a filter's row of `M`, whichever
  /// image rows they lie on, are transformed at once, then their outputs stored one by one
  /// (the same operations per tile as one at a time).
  private static func outputOfNarrowTiles(
    _ m: UnsafePointer<Float>, images: Int, filters: Int, tiling: Tiling, tileCount: Int,
    bias: UnsafeBufferPointer<Float>?, relu: Bool, into target: UnsafeMutablePointer<Float>
  ) {
    let xi = planeStride(rows: filters, tileCount: tileCount)
    let (outHeight, outWidth) = (tiling.outputHeight, tiling.outputWidth)
    let (tilesHigh, tilesWide) = (tiling.tilesHigh, tiling.tilesWide)
    let planeSize = tiling.outputPlaneSize
    let count = min(tileCount, images * tiling.tilesPerImage)
    for f in 0..<filters {
      let b = bias?[f] ?? 0
      @inline(__always) func y(_ v: Float) -> Float {
        let w = v + b
        return relu && w < 0 ? 0 : w
      }
      let source = m + f * tileCount
      // The next tile to store: image i, tile row ty, tile column tx.
      var (i, ty, tx) = (0, 0, 0)
      @inline(__always) func put(_ y00: Float, _ y01: Float, _ y10: Float, _ y11: Float) {
        let (row, column) = (2 * ty, 2 * tx)
        let out = target + (i * filters + f) * planeSize + row * outWidth + column
        let hasRight = column + 1 < outWidth
        out[0] = y(y00)
        if hasRight { out[1] = y(y01) }
        if row + 1 < outHeight {
          out[outWidth] = y(y10)
          if hasRight { out[outWidth + 1] = y(y11) }
        }
        tx += 1
        if tx == tilesWide {
          (tx, ty) = (0, ty + 1)
          if ty == tilesHigh { (ty, i) = (0, i + 1) }
        }
      }
      var t = 0
      while t + 8 <= count {
        let (y00, y01, y10, y11) = tileOutputs(source + t, xi, SIMD8<Float>.self)
        for lane in 0..<8 { put(y00[lane], y01[lane], y10[lane], y11[lane]) }
        t += 8
      }
      while t < count {
        let (y00, y01, y10, y11) = tileOutputs(source + t, xi, Float.self)
        put(y00, y01, y10, y11)
        t += 1
      }
    }
  }

  /// Writes `even[0], odd[0], even[1], odd[1], …` (16 values) from `target`.
  @inline(__always)
  private static func storeInterleaved(
    _ even: SIMD8<Float>, _ odd: SIMD8<Float>, to target: UnsafeMutablePointer<Float>
  ) {
    let pairs = SIMD16<Float>(
      even[0], odd[0], even[1], odd[1], even[2], odd[2], even[3], odd[3],
      even[4], odd[4], even[5], odd[5], even[6], odd[6], even[7], odd[7])
    UnsafeMutableRawPointer(target).storeBytes(of: pairs, as: SIMD16<Float>.self)
  }

  /// `dM = A·δ_t·Aᵀ` for every tile of `images` NCHW gradients (`channels` planes of
  /// `outputHeight x outputWidth`, tiled as `tiling`), into `dM[ξ, c, i·tilesPerImage + t]`.
  ///
  /// With `δ_t = [a b; c e]` (0 outside the output), `A·δ_t = [a b; a+c b+e; a−c b−e; −c −e]`,
  /// and each row `[p q]` times `Aᵀ` is `[p, p+q, p−q, −q]`.
  static func transformOutputGradient(
    _ delta: UnsafePointer<Float>, images: Int, channels: Int, tiling: Tiling, tileCount: Int,
    into dm: UnsafeMutablePointer<Float>
  ) {
    let xi = planeStride(rows: channels, tileCount: tileCount)
    let (outHeight, outWidth) = (tiling.outputHeight, tiling.outputWidth)
    let (tilesHigh, tilesWide) = (tiling.tilesHigh, tiling.tilesWide)
    let perImage = tiling.tilesPerImage
    var wide = 0
    while wide + 8 <= tilesWide && 2 * (wide + 8) <= outWidth { wide += 8 }
    @inline(__always) func put<Lanes: WinogradLanes>(
      _ a: Lanes, _ b: Lanes, _ c: Lanes, _ e: Lanes, into out: UnsafeMutablePointer<Float>
    ) {
      @inline(__always) func row(_ p: Lanes, _ q: Lanes, _ r: Int) {
        p.store(to: out + (4 &* r) &* xi)
        (p + q).store(to: out + (4 &* r &+ 1) &* xi)
        (p - q).store(to: out + (4 &* r &+ 2) &* xi)
        (Lanes.zero - q).store(to: out + (4 &* r &+ 3) &* xi)
      }
      row(a, b, 0)
      row(a + c, b + e, 1)
      row(a - c, b - e, 2)
      row(Lanes.zero - c, Lanes.zero - e, 3)
    }
    for i in 0..<images {
      for channel in 0..<channels {
        let plane = delta + (i * channels + channel) * tiling.outputPlaneSize
        let target = dm + channel * tileCount + i * perImage
        for ty in 0..<tilesHigh {
          let top = plane + 2 * ty * outWidth
          let hasBottom = 2 * ty + 1 < outHeight
          let bottom = top + outWidth
          let out = target + ty * tilesWide
          for tx in stride(from: 0, to: wide, by: 8) {
            let upper = UnsafeRawPointer(top + 2 * tx).loadUnaligned(as: SIMD16<Float>.self)
            let lower =
              hasBottom
              ? UnsafeRawPointer(bottom + 2 * tx).loadUnaligned(as: SIMD16<Float>.self)
              : SIMD16<Float>()
            put(upper.evenHalf, upper.oddHalf, lower.evenHalf, lower.oddHalf, into: out + tx)
          }
          for tx in wide..<tilesWide {
            let column = 2 * tx
            let hasRight = column + 1 < outWidth
            let a = top[column]
            let b: Float = hasRight ? top[column + 1] : 0
            let c: Float = hasBottom ? bottom[column] : 0
            let e: Float = hasBottom && hasRight ? bottom[column + 1] : 0
            put(a, b, c, e, into: out + tx)
          }
        }
      }
    }
  }

  /// `U' = G·g'·Gᵀ` with `g'[c, f] = g[f, c]` turned 180° (`g'[a][b] = g[2 − a][2 − b]`), into
  /// `[16, Cin, Cout]`: the kernels of the convolution that gives dLoss/dInput.
  static func transformKernelsForInputGradient(
    _ weights: UnsafePointer<Float>, filters: Int, channels: Int,
    into u: UnsafeMutablePointer<Float>
  ) {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 9 * filters * channels) { turned in
      let g = turned.baseAddress!
      for f in 0..<filters {
        for c in 0..<channels {
          let source = weights + (f * channels + c) * 9
          let target = g + (c * filters + f) * 9
          for k in 0..<9 { target[k] = source[8 - k] }
        }
      }
      transformKernels(g, filters: channels, channels: filters, into: u)
    }
  }

  /// `dU[ξ] = dM[ξ]·V[ξ]ᵀ` (`[Cout, T]·[T, Cin]`) for the 16 positions, added to `du`
  /// (`[16, Cout, Cin]`) unless `overwrite`.
  static func multiplyGradient(
    _ dm: UnsafePointer<Float>, _ v: UnsafePointer<Float>, filters: Int, channels: Int,
    tileCount: Int, overwrite: Bool, into du: UnsafeMutablePointer<Float>
  ) {
    let (mStride, vStride) = (
      planeStride(rows: filters, tileCount: tileCount),
      planeStride(rows: channels, tileCount: tileCount)
    )
    for xi in 0..<16 {
      BLAS.sgemm(
        transposeB: true, m: filters, n: channels, k: tileCount,
        a: dm + xi * mStride, lda: tileCount, b: v + xi * vStride, ldb: tileCount, beta: overwrite ? 0 : 1, c: du + xi * filters * channels, ldc: channels)
    }
  }

  /// `dW = Gᵀ·dU·G` for every `(f, c)` of `du` (`[16, Cout, Cin]`), into `[Cout, Cin, 3, 3]`.
  ///
  /// `Gᵀ = [1 ½ ½ 0; 0 ½ −½ 0; 0 ½ ½ 1]`: a 4-vector `[p q r s]` maps to
  /// `[p + (q + r)/2, (q − r)/2, (q + r)/2 + s]`.
  static func kernelGradient(
    _ du: UnsafePointer<Float>, filters: Int, channels: Int,
    into dw: UnsafeMutablePointer<Float>
  ) {
    let pairs = filters * channels
    @inline(__always) func reduce(_ p: Float, _ q: Float, _ r: Float, _ s: Float)
      -> (Float, Float, Float)
    {
      (p + (q + r) * 0.5, (q - r) * 0.5, (q + r) * 0.5 + s)
    }
    for pair in 0..<pairs {
      @inline(__always) func at(_ i: Int, _ j: Int) -> Float { du[(4 * i + j) * pairs + pair] }
      // Gᵀ·dU column by column: c_j = (row 0, row 1, row 2) of column j.
      let c0 = reduce(at(0, 0), at(1, 0), at(2, 0), at(3, 0))
      let c1 = reduce(at(0, 1), at(1, 1), at(2, 1), at(3, 1))
      let c2 = reduce(at(0, 2), at(1, 2), at(2, 2), at(3, 2))
      let c3 = reduce(at(0, 3), at(1, 3), at(2, 3), at(3, 3))
      // Then each of the three rows times G.
      let out = dw + pair * 9
      (out[0], out[1], out[2]) = reduce(c0.0, c1.0, c2.0, c3.0)
      (out[3], out[4], out[5]) = reduce(c0.1, c1.1, c2.1, c3.1)
      (out[6], out[7], out[8]) = reduce(c0.2, c1.2, c2.2, c3.2)
    }
  }
}
