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
/// Layouts: `U` is `[16, Cout, Cin]`, `V` `[16, Cin, T]`, `M` `[16, Cout, T]` for `T` tiles
/// (ξ planes ``planeStride(rows:tileCount:)`` apart),
/// so each `M[ξ] = U[ξ]·V[ξ]` is one `BLAS.sgemm` (`Cout x T`, depth `Cin`). Results differ
/// from the direct sum by rounding only (a few ulps of the largest term); the layers use it
/// where a 2x2 max pool follows, since then each pooled output is exactly one tile.
enum Winograd {
  /// Values of `U` for `filters` filters of `channels` channels.
  static func kernelCount(filters: Int, channels: Int) -> Int { 16 * filters * channels }

  /// The distance between two ξ planes of a `[16, rows, tileCount]` block (`V`, `M`, `dM`):
  /// at least `rows·tileCount`, and 64 bytes past a multiple of 4 KiB. A transform reads or
  /// writes all 16 planes at once; 16 streams a multiple of 4 KiB apart share one set of the
  /// L1 cache (8 ways) and evict each other, which made the transforms slower than the GEMMs.
  static func planeStride(rows: Int, tileCount: Int) -> Int {
    let size = rows * tileCount
    return (size + 1023 - 16) / 1024 * 1024 + 16
  }

  /// Values of a `[16, rows, tileCount]` block laid out with ``planeStride(rows:tileCount:)``.
  static func blockCount(rows: Int, tileCount: Int) -> Int {
    16 * planeStride(rows: rows, tileCount: tileCount)
  }

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
    let xi = planeStride(rows: channels, tileCount: tileCount)
    for i in 0..<images {
      for c in 0..<channels {
        transformPlane(
          x + (i * channels + c) * height * width, rowStride: width, tilesHigh: tilesHigh,
          tilesWide: tilesWide, xi: xi, into: v + c * tileCount + i * perImage)
      }
    }
  }

  /// `V = Bᵀ·d·B` for the `tilesHigh x tilesWide` tiles of one plane (rows `rowStride` apart,
  /// every tile's 4x4 input inside, tile `(ty, tx)` starting at row `2·ty`, column `2·tx`):
  /// value `ξ` of tile `ty·tilesWide + tx` goes to `target[ξ·xi + ty·tilesWide + tx]`.
  static func transformPlane(
    _ plane: UnsafePointer<Float>, rowStride width: Int, tilesHigh: Int, tilesWide: Int,
    xi: Int, into target: UnsafeMutablePointer<Float>
  ) {
    // Four tiles side by side read columns 2·tx … 2·tx + 9: whole groups of four while those
    // lie inside the row, the rest one at a time (same operations, lane by lane).
    var wide = 0
    while wide + 4 <= tilesWide && 2 * wide + 10 <= width { wide += 4 }
    for ty in 0..<tilesHigh {
      let r0 = plane + 2 * ty * width
      let rows = (r0, r0 + width, r0 + 2 * width, r0 + 3 * width)
      let out = target + ty * tilesWide
      for tx in stride(from: 0, to: wide, by: 4) {
        inputTiles(
          rows, column: 2 * tx, xi: xi, into: out + tx, SIMD4<Float>.self, load: fourTiles)
      }
      // The last four tiles as one overlapping group when it fits (the overlap is written
      // twice with the same values), else the rest one at a time.
      let last = tilesWide - 4
      let rest = wide < tilesWide && last >= 0 && 2 * last + 10 <= width ? tilesWide : wide
      if rest > wide {
        inputTiles(
          rows, column: 2 * last, xi: xi, into: out + last, SIMD4<Float>.self, load: fourTiles)
      }
      for tx in rest..<tilesWide {
        inputTiles(rows, column: 2 * tx, xi: xi, into: out + tx, Float.self) { row, k in
          (row[k], row[k &+ 1], row[k &+ 2], row[k &+ 3])
        }
      }
    }
  }

  /// Columns `k … k + 3` of four side-by-side tiles (2 apart) of `row`, one lane per tile.
  @inline(__always)
  private static func fourTiles(_ row: UnsafePointer<Float>, _ k: Int) -> (
    SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>
  ) {
    let (low, high) = (
      UnsafeRawPointer(row + k).loadUnaligned(as: SIMD8<Float>.self),
      UnsafeRawPointer(row + k + 2).loadUnaligned(as: SIMD8<Float>.self)
    )
    return (low.evenHalf, low.oddHalf, high.evenHalf, high.oddHalf)
  }

  /// `Bᵀ·d·B` for the tile (or `Lanes` side-by-side tiles) whose 4x4 input starts at `column`
  /// of the four `rows`; `load(row, k)` gives columns `k … k + 3` of a row, one lane per tile.
  /// Writes the 16 values `xi` apart from `out`.
  @inline(__always)
  private static func inputTiles<Lanes: WinogradLanes>(
    _ rows: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>),
    column k: Int, xi: Int, into out: UnsafeMutablePointer<Float>, _: Lanes.Type,
    load: (UnsafePointer<Float>, Int) -> (Lanes, Lanes, Lanes, Lanes)
  ) {
    // Bᵀ·d on the four columns of the tile, then ·B along each resulting row.
    @inline(__always) func put(_ s0: Lanes, _ s1: Lanes, _ s2: Lanes, _ s3: Lanes, _ q: Int) {
      (s0 - s2).store(to: out + q &* xi)
      (s1 + s2).store(to: out + (q &+ 1) &* xi)
      (s2 - s1).store(to: out + (q &+ 2) &* xi)
      (s1 - s3).store(to: out + (q &+ 3) &* xi)
    }
    let (a0, a1, a2, a3) = load(rows.0, k)
    let (b0, b1, b2, b3) = load(rows.1, k)
    let (c0, c1, c2, c3) = load(rows.2, k)
    let (d0, d1, d2, d3) = load(rows.3, k)
    put(a0 - c0, a1 - c1, a2 - c2, a3 - c3, 0)
    put(b0 + c0, b1 + c1, b2 + c2, b3 + c3, 4)
    put(c0 - b0, c1 - b1, c2 - b2, c3 - b3, 8)
    put(b0 - d0, b1 - d1, b2 - d2, b3 - d3, 12)
  }

  /// `M[ξ] = U[ξ]·V[ξ]` for the 16 positions: `[Cout, T] = [Cout, Cin]·[Cin, T]`.
  static func multiply(
    _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>, filters: Int, channels: Int,
    tileCount: Int, into m: UnsafeMutablePointer<Float>
  ) {
    let (vStride, mStride) = (
      planeStride(rows: channels, tileCount: tileCount),
      planeStride(rows: filters, tileCount: tileCount)
    )
    for xi in 0..<16 {
      BLAS.sgemm(
        m: filters, n: tileCount, k: channels, a: u + xi * filters * channels, lda: channels,
        b: v + xi * vStride, ldb: tileCount, c: m + xi * mStride, ldc: tileCount)
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
    let xi = planeStride(rows: filters, tileCount: tileCount)
    for f in 0..<filters {
      let b = bias?[f] ?? 0
      for i in 0..<images {
        let out = target + (i * filters + f) * perImage
        let source = m + f * tileCount + i * perImage
        var t = 0
        while t + 8 <= perImage {
          let (y00, y01, y10, y11) = tileOutputs(source + t, xi, SIMD8<Float>.self)
          let top = y00.replacing(with: y01, where: y01 .> y00)
          let bottom = y10.replacing(with: y11, where: y11 .> y10)
          let v = top.replacing(with: bottom, where: bottom .> top) + SIMD8(repeating: b)
          let result = relu ? v.replacing(with: 0, where: v .< 0) : v
          UnsafeMutableRawPointer(out + t).storeBytes(of: result, as: SIMD8<Float>.self)
          t += 8
        }
        while t < perImage {
          let (y00, y01, y10, y11) = tileOutputs(source + t, xi, Float.self)
          let top = y01 > y00 ? y01 : y00
          let bottom = y11 > y10 ? y11 : y10
          let v = (bottom > top ? bottom : top) + b
          out[t] = relu && v < 0 ? 0 : v
          t += 1
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
    let xi = planeStride(rows: filters, tileCount: tileCount)
    // Where each tile's top-left output lies in the convolution's plane.
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: perImage + 8) { corners in
      for t in 0..<perImage {
        corners[t] = Int32(2 * (t / tilesWide) * convWidth + 2 * (t % tilesWide))
      }
      let corner = UnsafePointer(corners.baseAddress!)
      let (right, below) = (Int32(1), Int32(convWidth))
      for f in 0..<filters {
        let b = bias?[f] ?? 0
        for i in 0..<images {
          let first = (i * filters + f) * perImage
          let (out, arg) = (target + first, argmax + first)
          let source = m + f * tileCount + i * perImage
          var t = 0
          while t + 8 <= perImage {
            let (y00, y01, y10, y11) = tileOutputs(source + t, xi, SIMD8<Float>.self)
            let bias = SIMD8<Float>(repeating: b)
            @inline(__always) func y(_ v: SIMD8<Float>) -> SIMD8<Float> {
              let w = v + bias
              return relu ? w.replacing(with: 0, where: w .< 0) : w
            }
            let c = UnsafeRawPointer(corner + t).loadUnaligned(as: SIMD8<Int32>.self)
            var best = y(y00)
            var index = c
            @inline(__always) func keep(_ value: SIMD8<Float>, _ at: SIMD8<Int32>) {
              let take = (value .> best) .| (value .!= value)
              best.replace(with: value, where: take)
              index.replace(with: at, where: take)
            }
            keep(y(y01), c &+ right)
            keep(y(y10), c &+ below)
            keep(y(y11), c &+ below &+ right)
            UnsafeMutableRawPointer(out + t).storeBytes(of: best, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(arg + t).storeBytes(of: index, as: SIMD8<Int32>.self)
            t += 8
          }
          while t < perImage {
            let (y00, y01, y10, y11) = tileOutputs(source + t, xi, Float.self)
            @inline(__always) func y(_ v: Float) -> Float {
              let w = v + b
              return relu && w < 0 ? 0 : w
            }
            let c = Int(corner[t])
            var best = y(y00)
            var index = c
            Pooling.keepMaximum(y(y01), at: c + 1, best: &best, index: &index)
            Pooling.keepMaximum(y(y10), at: c + convWidth, best: &best, index: &index)
            Pooling.keepMaximum(y(y11), at: c + convWidth + 1, best: &best, index: &index)
            out[t] = best
            arg[t] = Int32(truncatingIfNeeded: index)
            t += 1
          }
        }
      }
    }
  }

  /// `Aᵀ·M·A` for the tile (or side-by-side tiles, one per lane) whose 16 values are
  /// `m[k·xi]`, `k = 4·row + column`: the 2x2 outputs `(y00, y01, y10, y11)`.
  @inline(__always)
  static func tileOutputs<Lanes: WinogradLanes>(
    _ m: UnsafePointer<Float>, _ xi: Int, _: Lanes.Type
  ) -> (Lanes, Lanes, Lanes, Lanes) {
    @inline(__always) func at(_ k: Int) -> Lanes { Lanes.load(from: m + k &* xi) }
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

/// A value of one tile (`Float`) or of several side-by-side tiles at once (`SIMD4<Float>`,
/// `SIMD8<Float>`, one lane each), for the Winograd transforms: the same operations either way.
protocol WinogradLanes {
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static var zero: Self { get }
  /// Reads the lanes from `source`, `source + 1`, …
  static func load(from source: UnsafePointer<Float>) -> Self
  /// Writes the lanes to `target`, `target + 1`, …
  func store(to target: UnsafeMutablePointer<Float>)
}

extension Float: WinogradLanes {
  @inline(__always) static func load(from source: UnsafePointer<Float>) -> Float { source.pointee }
  @inline(__always) func store(to target: UnsafeMutablePointer<Float>) { target.pointee = self }
}

extension SIMD4<Float>: WinogradLanes {
  @inline(__always) static func load(from source: UnsafePointer<Float>) -> Self {
    UnsafeRawPointer(source).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(to target: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(target).storeBytes(of: self, as: Self.self)
  }
}

extension SIMD8<Float>: WinogradLanes {
  @inline(__always) static func load(from source: UnsafePointer<Float>) -> Self {
    UnsafeRawPointer(source).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(to target: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(target).storeBytes(of: self, as: Self.self)
  }
}
