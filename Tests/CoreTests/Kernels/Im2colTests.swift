import Core
import TestSupport
import Testing

private func columns(of image: [Float], _ g: Im2col.Geometry, rowStride: Int? = nil) -> [Float] {
  let stride = rowStride ?? g.columns
  var out = [Float](repeating: -99, count: g.rows * stride)
  image.withUnsafeBufferPointer { x in
    out.withUnsafeMutableBufferPointer { c in
      guard let x = x.baseAddress, let c = c.baseAddress else { return }
      Im2col.im2col(x, geometry: g, into: c, rowStride: stride)
    }
  }
  return out
}

private func image(of columns: [Float], _ g: Im2col.Geometry, adding start: [Float]) -> [Float] {
  var out = start
  columns.withUnsafeBufferPointer { c in
    out.withUnsafeMutableBufferPointer { x in
      guard let c = c.baseAddress, let x = x.baseAddress else { return }
      Im2col.col2im(c, rowStride: g.columns, geometry: g, addingInto: x)
    }
  }
  return out
}

@Suite("Im2col")
struct Im2colTests {
  /// A 3x3 image 1…9, 2x2 kernel, stride 1, no padding: 4 rows (ky,kx) × 4 windows.
  @Test func smallImageByHand() {
    let g = Im2col.Geometry(channels: 1, height: 3, width: 3, kernel: 2)
    #expect(g.outputHeight == 2 && g.outputWidth == 2)
    let cols = columns(of: (1...9).map(Float.init), g)
    #expect(
      cols == [
        1, 2, 4, 5,  // (ky 0, kx 0): top-left of each window
        2, 3, 5, 6,  // (0, 1)
        4, 5, 7, 8,  // (1, 0)
        5, 6, 8, 9,  // (1, 1)
      ])
  }

  /// Padding 1 before only (top/left), stride 2: windows start at −1 and 1.
  @Test func asymmetricPaddingReadsZerosOutside() {
    let g = Im2col.Geometry(
      channels: 1, height: 3, width: 3, kernel: 2, stride: 2, padTop: 1, padLeft: 1)
    // ⌊(3 + 1 − 2)/2⌋ + 1 = 2
    #expect(g.outputHeight == 2 && g.outputWidth == 2)
    let cols = columns(of: (1...9).map(Float.init), g)
    #expect(
      cols == [
        0, 0, 0, 5,
        0, 0, 4, 6,
        0, 2, 0, 8,
        1, 3, 7, 9,
      ])
  }

  /// Dilation 2 on a 5x5 image with a 2x2 kernel reads pixels two apart: k_eff 3, out 3x3.
  @Test func dilationSkipsPixels() {
    let g = Im2col.Geometry(channels: 1, height: 5, width: 5, kernel: 2, dilation: 2)
    #expect(g.outputHeight == 3 && g.outputWidth == 3)
    let cols = columns(of: (0..<25).map(Float.init), g)
    // Window (0,0) reads (0,0), (0,2), (2,0), (2,2) = 0, 2, 10, 12.
    #expect([cols[0], cols[9], cols[18], cols[27]] == [0, 2, 10, 12])
  }

  @Test func writesOnlyItsBlockOfAWiderMatrix() {
    let g = Im2col.Geometry(
      channels: 2, height: 4, width: 4, kernel: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1)
    let x = GradientCheck.randomInput(batch: 1, shape: Shape(height: 4, width: 4, channels: 2))
      .storage
    let narrow = columns(of: x, g)
    let wide = columns(of: x, g, rowStride: g.columns + 3)
    for r in 0..<g.rows {
      #expect(
        Array(wide[(r * (g.columns + 3))..<(r * (g.columns + 3) + g.columns)])
          == Array(narrow[(r * g.columns)..<((r + 1) * g.columns)]))
      #expect(
        wide[(r * (g.columns + 3) + g.columns)..<((r + 1) * (g.columns + 3))].allSatisfy {
          $0 == -99
        })
    }
  }

  /// Narrow outputs with every window inside (keras-mnist's 5x5x64 → 3x3 conv) gather through
  /// `windowOffsets`: the same columns as the definition, in a wider matrix too.
  @Test(arguments: [
    Im2col.Geometry(channels: 3, height: 5, width: 5, kernel: 3),
    Im2col.Geometry(channels: 2, height: 9, width: 8, kernel: 3, stride: 2, dilation: 2),
  ])
  func narrowOutputsMatchTheDefinition(_ g: Im2col.Geometry) {
    #expect(!g.windowOffsets.isEmpty)
    let x = GradientCheck.randomInput(
      batch: 1, shape: Shape(height: g.height, width: g.width, channels: g.channels), seed: 5
    ).storage
    let stride = g.columns + 2
    let cols = columns(of: x, g, rowStride: stride)
    for c in 0..<g.channels {
      for ky in 0..<g.kernel {
        for kx in 0..<g.kernel {
          let row = (c * g.kernel + ky) * g.kernel + kx
          for oy in 0..<g.outputHeight {
            for ox in 0..<g.outputWidth {
              let iy = oy * g.stride + ky * g.dilation
              let ix = ox * g.stride + kx * g.dilation
              #expect(
                cols[row * stride + oy * g.outputWidth + ox]
                  == x[(c * g.height + iy) * g.width + ix])
            }
          }
        }
      }
    }
  }

  /// Geometries with padding read a zero-bordered copy of each plane: narrow outputs gather
  /// through the offset table (resnet-mini's 14x14 → 7x7 stride-2 `pad=same` conv, a 5x6 `pad=1`
  /// conv, dilation with padding), stride-1 outputs 8 or more wide copy whole rows (a 5x5
  /// `pad=same` conv on 8x8, dilation 2 on 16x9). The same columns as the definition (0 outside
  /// the image); col2im stays the adjoint (checked below).
  @Test(arguments: [
    (
      Im2col.Geometry(
        channels: 3, height: 14, width: 14, kernel: 3, stride: 2, padTop: 0, padBottom: 1,
        padLeft: 0, padRight: 1), true
    ),
    (
      Im2col.Geometry(
        channels: 2, height: 5, width: 6, kernel: 3, padTop: 1, padBottom: 1, padLeft: 1,
        padRight: 1), true
    ),
    (
      Im2col.Geometry(
        channels: 2, height: 6, width: 5, kernel: 3, dilation: 2, padTop: 2, padBottom: 2,
        padLeft: 3, padRight: 1), true
    ),
    (
      Im2col.Geometry(
        channels: 2, height: 8, width: 8, kernel: 5, padTop: 2, padBottom: 2, padLeft: 2,
        padRight: 2), false
    ),
    (
      Im2col.Geometry(
        channels: 2, height: 16, width: 9, kernel: 3, dilation: 2, padTop: 2, padBottom: 2,
        padLeft: 2, padRight: 2), false
    ),
  ] + Im2colTests.phaseGeometries.map { ($0, false) })
  func paddedCopiesMatchTheDefinition(_ g: Im2col.Geometry, gathers: Bool) {
    #expect(g.gathersFromPaddedCopy == gathers)
    #expect(g.copiesRowsFromPhasePlanes == !gathers)
    let x = GradientCheck.randomInput(
      batch: 1, shape: Shape(height: g.height, width: g.width, channels: g.channels), seed: 6
    ).storage
    let stride = g.columns + 3
    let cols = columns(of: x, g, rowStride: stride)
    var worst: Float = 0
    for c in 0..<g.channels {
      for ky in 0..<g.kernel {
        for kx in 0..<g.kernel {
          let row = (c * g.kernel + ky) * g.kernel + kx
          for oy in 0..<g.outputHeight {
            for ox in 0..<g.outputWidth {
              let iy = oy * g.stride + ky * g.dilation - g.padTop
              let ix = ox * g.stride + kx * g.dilation - g.padLeft
              let inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width
              let expected = inside ? x[(c * g.height + iy) * g.width + ix] : 0
              worst = max(worst, abs(cols[row * stride + oy * g.outputWidth + ox] - expected))
            }
          }
        }
      }
    }
    #expect(worst == 0)
  }

  /// Strides above 1 with outputs 8 or more wide read the plane's phase planes: `pad=same`
  /// stride 2 (the odd pixel after), a 7x7 stride-2 stem with `pad=3`, no padding at all,
  /// stride 3 with dilation 2, odd left padding (phases swap), stride 2 with dilation 3.
  static let phaseGeometries = [
    Im2col.Geometry(
      channels: 2, height: 32, width: 32, kernel: 3, stride: 2, padTop: 0, padBottom: 1,
      padLeft: 0, padRight: 1),
    Im2col.Geometry(
      channels: 3, height: 32, width: 30, kernel: 7, stride: 2, padTop: 3, padBottom: 3,
      padLeft: 3, padRight: 3),
    Im2col.Geometry(channels: 2, height: 21, width: 20, kernel: 3, stride: 2),
    Im2col.Geometry(
      channels: 2, height: 40, width: 37, kernel: 3, stride: 3, dilation: 2, padTop: 2,
      padBottom: 1, padLeft: 2, padRight: 2),
    Im2col.Geometry(
      channels: 1, height: 19, width: 23, kernel: 4, stride: 2, padTop: 1, padBottom: 2,
      padLeft: 1, padRight: 0),
    Im2col.Geometry(
      channels: 2, height: 25, width: 26, kernel: 3, stride: 2, dilation: 3, padTop: 3,
      padBottom: 3, padLeft: 3, padRight: 3),
  ]

  @Test func stridedWideOutputsUsePhasePlanes() {
    for g in Im2colTests.phaseGeometries {
      #expect(g.copiesRowsFromPhasePlanes && g.outputWidth >= 8, "\(g)")
      #expect(g.phaseWidth * g.stride >= g.paddedWidth && g.phaseWidth < g.paddedWidth)
    }
  }

  /// Padding far wider than the image keeps the general path: no copy of that size is made.
  @Test func hugePaddingDoesNotCopy() {
    let g = Im2col.Geometry(
      channels: 1, height: 1, width: 1, kernel: 3, stride: 20_000, padTop: 30_000,
      padBottom: 30_000, padLeft: 30_000, padRight: 30_000)
    #expect(g.outputWidth < 8)
    #expect(!g.gathersFromPaddedCopy && g.windowOffsets.isEmpty)
    let cols = columns(of: [2], g)
    #expect(cols.count == 9 * g.columns)
  }

  /// col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for any x and c.
  @Test(arguments: [
    Im2col.Geometry(channels: 2, height: 6, width: 5, kernel: 3),
    Im2col.Geometry(channels: 2, height: 7, width: 7, kernel: 3, stride: 2),
    Im2col.Geometry(
      channels: 1, height: 6, width: 6, kernel: 4, stride: 2, padTop: 1, padBottom: 2, padLeft: 1,
      padRight: 2),
    Im2col.Geometry(
      channels: 3, height: 8, width: 7, kernel: 3, dilation: 2, padTop: 2, padBottom: 2, padLeft: 2,
      padRight: 2),
    Im2col.Geometry(
      channels: 2, height: 5, width: 5, kernel: 3, stride: 3, padTop: 0, padBottom: 1, padLeft: 0,
      padRight: 1),
    Im2col.Geometry(
      channels: 3, height: 14, width: 14, kernel: 3, stride: 2, padTop: 0, padBottom: 1,
      padLeft: 0, padRight: 1),
    Im2col.Geometry(
      channels: 2, height: 6, width: 5, kernel: 3, dilation: 2, padTop: 2, padBottom: 2,
      padLeft: 3, padRight: 1),
    Im2col.Geometry(
      channels: 2, height: 8, width: 8, kernel: 5, padTop: 2, padBottom: 2, padLeft: 2,
      padRight: 2),
    Im2col.Geometry(
      channels: 2, height: 16, width: 9, kernel: 3, dilation: 2, padTop: 2, padBottom: 2,
      padLeft: 2, padRight: 2),
  ] + Im2colTests.phaseGeometries)

  func col2imIsTheAdjoint(_ g: Im2col.Geometry) {
    let x = GradientCheck.randomInput(
      batch: 1, shape: Shape(height: g.height, width: g.width, channels: g.channels), seed: 2
    ).storage
    let c = GradientCheck.randomInput(batch: 1, shape: .flat(g.rows * g.columns), seed: 3).storage
    let left = zip(columns(of: x, g), c).map { Double($0) * Double($1) }.reduce(0, +)
    let back = image(of: c, g, adding: [Float](repeating: 0, count: x.count))
    let right = zip(x, back).map { Double($0) * Double($1) }.reduce(0, +)
    #expect(abs(left - right) < 1e-4 * max(1, abs(left)))
  }

  @Test func col2imAddsToWhatIsThere() {
    let g = Im2col.Geometry(
      channels: 1, height: 3, width: 3, kernel: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1)
    // Every column of ones: each pixel is read by as many windows as contain it (4, 6 or 9).
    let back = image(
      of: [Float](repeating: 1, count: g.rows * g.columns), g,
      adding: [Float](repeating: 1, count: 9))
    #expect(back == [5, 7, 5, 7, 10, 7, 5, 7, 5])
  }

  /// Keras same: total padding max((⌈in/s⌉ − 1)·s + k − in, 0), the odd pixel after.
  @Test func geometryFromPadding() {
    let g = Im2col.Geometry(
      input: Shape(height: 8, width: 7, channels: 3), kernel: 4, stride: 2, padding: .same)
    // height: out 4, total (3·2 + 4 − 8) = 2 → 1 before; width: out 4, total (6 + 4 − 7) = 3 → 1 before
    #expect(g.outputHeight == 4 && g.outputWidth == 4 && g.padTop == 1 && g.padLeft == 1)
    #expect(g.rows == 3 * 16 && g.columns == 16 && g.imageCount == 168)
  }
}
