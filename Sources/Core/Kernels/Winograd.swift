/// Winograd's F(2x2, 3x3): a 3x3 stride-1 convolution computed 2x2 outputs at a time with 16
/// multiplications per tile instead of 36 (Lavin & Gray, 2016), for the forward pass of a conv
/// that a `maxpool 2` follows.
///
/// With input tile `d` (4x4), kernel `g` (3x3) and output tile `Y` (2x2):
///
///     U = G·g·Gᵀ      G  = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]          (per filter f, channel c)
///     V = Bᵀ·d·B      Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]  (per channel c, tile t)
///     M[ξ] = U[ξ]·V[ξ]                 (ξ = one of the 16 positions: 16 GEMMs over channels)
///     Y = Aᵀ·M·A      Aᵀ = [1 1 1 0; 0 1 −1 −1]
///
/// Layouts: `U` is `[16, Cout, Cin]`, `V` `[16, Cin, T]`, `M` `[16, Cout, T]` for `T` tiles,
/// so each `M[ξ] = U[ξ]·V[ξ]` is one `BLAS.sgemm` (`Cout x T`, depth `Cin`). Results differ
/// from the direct sum by rounding only (a few ulps of the largest term); the layers use it
/// where a 2x2 max pool follows, since then each pooled output is exactly one tile.
enum Winograd {
  /// Values of `U` for `filters` filters of `channels` channels.
  static func kernelCount(filters: Int, channels: Int) -> Int { 16 * filters * channels }

  /// `U = G·g·Gᵀ` for every `[Cout, Cin, 3, 3]` kernel of `weights`, into `[16, Cout, Cin]`.
  static func transformKernels(
    _ weights: UnsafePointer<Float>, filters: Int, channels: Int,
    into u: UnsafeMutablePointer<Float>
  ) {
    let pairs = filters * channels
    for pair in 0..<pairs {
      let g = weights + pair * 9
      let (g0, g1, g2) = (row3(g), row3(g + 3), row3(g + 6))
      // G·g: 4 rows of 3 (lane 3 unused), then each row times Gᵀ.
      let rows = (g0, (g0 + g1 + g2) * 0.5, (g0 - g1 + g2) * 0.5, g2)
      @inline(__always) func put(_ r: SIMD4<Float>, _ i: Int) {
        u[(4 * i) * pairs + pair] = r[0]
        u[(4 * i + 1) * pairs + pair] = (r[0] + r[1] + r[2]) * 0.5
        u[(4 * i + 2) * pairs + pair] = (r[0] - r[1] + r[2]) * 0.5
        u[(4 * i + 3) * pairs + pair] = r[2]
      }
      put(rows.0, 0)
      put(rows.1, 1)
      put(rows.2, 2)
      put(rows.3, 3)
    }
  }

  @inline(__always)
  private static func row3(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    SIMD4(p[0], p[1], p[2], 0)
  }

  /// `V = Bᵀ·d·B` for the tiles of `images` NCHW images (`channels x height x width` each)
  /// whose 4x4 input tiles start at rows and columns `0, 2, 4, …`: `tilesHigh x tilesWide`
  /// tiles per image, all inside the image. Writes `V[ξ, c, i·tilesHigh·tilesWide + t]`,
  /// row length `tileCount` (all the group's tiles).
  static func transformInput(
    _ x: UnsafePointer<Float>, images: Int, channels: Int, height: Int, width: Int,
    tilesHigh: Int, tilesWide: Int, tileCount: Int, into v: UnsafeMutablePointer<Float>
  ) {
    let perImage = tilesHigh * tilesWide
    let xi = channels * tileCount  // distance between two ξ planes of V
    // Wrapping index arithmetic: no overflow checks in the inner loop.
    let (x1, x2, x3) = (xi, 2 &* xi, 3 &* xi)
    for i in 0..<images {
      for c in 0..<channels {
        let plane = x + (i * channels + c) * height * width
        let target = v + c * tileCount + i * perImage
        for ty in 0..<tilesHigh {
          let r0 = plane + 2 * ty * width
          let (r1, r2, r3) = (r0 + width, r0 + 2 * width, r0 + 3 * width)
          let row = target + ty * tilesWide
          for tx in 0..<tilesWide {
            let k = 2 &* tx
            let out = row + tx
            // Bᵀ·d on the four columns of the tile, then ·B along each resulting row.
            @inline(__always) func put(
              _ s0: Float, _ s1: Float, _ s2: Float, _ s3: Float,
              _ q: UnsafeMutablePointer<Float>
            ) {
              q[0] = s0 - s2
              q[x1] = s1 + s2
              q[x2] = s2 - s1
              q[x3] = s1 - s3
            }
            let (a0, a1, a2, a3) = (r0[k], r0[k &+ 1], r0[k &+ 2], r0[k &+ 3])
            let (b0, b1, b2, b3) = (r1[k], r1[k &+ 1], r1[k &+ 2], r1[k &+ 3])
            let (c0, c1, c2, c3) = (r2[k], r2[k &+ 1], r2[k &+ 2], r2[k &+ 3])
            let (d0, d1, d2, d3) = (r3[k], r3[k &+ 1], r3[k &+ 2], r3[k &+ 3])
            put(a0 - c0, a1 - c1, a2 - c2, a3 - c3, out)
            put(b0 + c0, b1 + c1, b2 + c2, b3 + c3, out + 4 &* x1)
            put(c0 - b0, c1 - b1, c2 - b2, c3 - b3, out + 8 &* x1)
            put(b0 - d0, b1 - d1, b2 - d2, b3 - d3, out + 12 &* x1)
          }
        }
      }
    }
  }

  /// `M[ξ] = U[ξ]·V[ξ]` for the 16 positions: `[Cout, T] = [Cout, Cin]·[Cin, T]`.
  static func multiply(
    _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>, filters: Int, channels: Int,
    tileCount: Int, into m: UnsafeMutablePointer<Float>
  ) {
    for xi in 0..<16 {
      BLAS.sgemm(
        m: filters, n: tileCount, k: channels, a: u + xi * filters * channels, lda: channels,
        b: v + xi * channels * tileCount, ldb: tileCount, c: m + xi * filters * tileCount,
        ldc: tileCount)
    }
  }

  /// `Y = Aᵀ·M·A` per tile, then bias, relu and the 2x2 maximum of the tile:
  ///
  ///     out[i, f, t] = relu?(max(Y) + bias[f])
  ///
  /// written NCHW `[images, Cout, perImage]` (tile `t` of an image is its pooled pixel `t`).
  static func outputPooled(
    _ m: UnsafePointer<Float>, images: Int, filters: Int, perImage: Int, tileCount: Int,
    bias: UnsafeBufferPointer<Float>?, relu: Bool, into target: UnsafeMutablePointer<Float>
  ) {
    let xi = filters * tileCount
    for f in 0..<filters {
      let b = bias?[f] ?? 0
      for i in 0..<images {
        let source = m + f * tileCount + i * perImage
        let out = target + (i * filters + f) * perImage
        if relu {
          for t in 0..<perImage {
            let v = tileMaximum(source + t, xi) + b
            out[t] = v < 0 ? 0 : v
          }
        } else {
          for t in 0..<perImage { out[t] = tileMaximum(source + t, xi) + b }
        }
      }
    }
  }

  /// Training's ``outputPooled(_:images:filters:perImage:tileCount:bias:relu:into:)``: each
  /// tile's four outputs `y = relu?(Y + bias[f])`, their maximum, and where it lies in the
  /// convolution's plane (`convWidth` wide; tile `t` covers rows `2·(t / tilesWide) + 0…1`,
  /// columns `2·(t % tilesWide) + 0…1`), compared as ``MaxPool2D`` compares (row-major, ties
  /// keep the first cell, NaN wins). `argmax` is laid out as the output.
  static func outputPooledRecording(
    _ m: UnsafePointer<Float>, images: Int, filters: Int, tilesWide: Int, perImage: Int,
    tileCount: Int, convWidth: Int, bias: UnsafeBufferPointer<Float>?, relu: Bool,
    into target: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>
  ) {
    let xi = filters * tileCount
    for f in 0..<filters {
      let b = bias?[f] ?? 0
      for i in 0..<images {
        let source = m + f * tileCount + i * perImage
        let first = (i * filters + f) * perImage
        let (out, arg) = (target + first, argmax + first)
        for t in 0..<perImage {
          let (y00, y01, y10, y11) = tileOutputs(source + t, xi)
          @inline(__always) func y(_ v: Float) -> Float {
            let w = v + b
            return relu && w < 0 ? 0 : w
          }
          let corner = 2 * (t / tilesWide) * convWidth + 2 * (t % tilesWide)
          var best = y(y00)
          var index = corner
          Pooling.keepMaximum(y(y01), at: corner + 1, best: &best, index: &index)
          Pooling.keepMaximum(y(y10), at: corner + convWidth, best: &best, index: &index)
          Pooling.keepMaximum(y(y11), at: corner + convWidth + 1, best: &best, index: &index)
          out[t] = best
          arg[t] = Int32(truncatingIfNeeded: index)
        }
      }
    }
  }

  /// `max(Aᵀ·M·A)` for the tile whose 16 values are `m[k·xi]`, `k = 4·row + column`.
  @inline(__always)
  private static func tileMaximum(_ m: UnsafePointer<Float>, _ xi: Int) -> Float {
    let (y00, y01, y10, y11) = tileOutputs(m, xi)
    let top = y01 > y00 ? y01 : y00
    let bottom = y11 > y10 ? y11 : y10
    return bottom > top ? bottom : top
  }

  /// `Aᵀ·M·A` for the tile whose 16 values are `m[k·xi]`, `k = 4·row + column`: the 2x2
  /// outputs `(y00, y01, y10, y11)`.
  @inline(__always)
  private static func tileOutputs(
    _ m: UnsafePointer<Float>, _ xi: Int
  ) -> (Float, Float, Float, Float) {
    @inline(__always) func at(_ k: Int) -> Float { m[k &* xi] }
    // Aᵀ·M: two rows of four.
    let s00 = at(0) + at(4) + at(8)
    let s01 = at(1) + at(5) + at(9)
    let s02 = at(2) + at(6) + at(10)
    let s03 = at(3) + at(7) + at(11)
    let s10 = at(4) - at(8) - at(12)
    let s11 = at(5) - at(9) - at(13)
    let s12 = at(6) - at(10) - at(14)
    let s13 = at(7) - at(11) - at(15)
    // ·A: the 2x2 outputs.
    return (s00 + s01 + s02, s01 - s02 - s03, s10 + s11 + s12, s11 - s12 - s13)
  }

}
