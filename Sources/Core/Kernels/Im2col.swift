/// The two copies that turn a convolution into one GEMM: `im2col` lays every window of an NCHW
/// image out as a column, `col2im` adds columns back into an image (its adjoint).
///
/// Column matrix of one image: `C·k·k` rows in `(c, ky, kx)` order (the order of a PyTorch
/// kernel `[Cout, Cin, k, k]` read row-major), `Hout·Wout` columns in `(oy, ox)` order.
/// Row `r` of image `i` may sit inside a wider matrix holding several images side by side:
/// callers pass the row stride (`rowStride ≥ Hout·Wout`) and the pointer to the image's
/// first column.
///
/// Window at output `(oy, ox)` reads input `(oy·s − padTop + ky·d, ox·s − padLeft + kx·d)`;
/// positions outside the image read 0.
public enum Im2col {
  /// One axis pair of a sliding window: sizes, kernel, stride, dilation and padding.
  ///
  /// `Hout = ⌊(H + padTop + padBottom − k_eff)/s⌋ + 1`, `k_eff = d·(k − 1) + 1`
  /// (the same for the width). Padding may differ before and after (Keras `same`).
  public struct Geometry: Hashable, Sendable {
    public var channels: Int
    public var height: Int
    public var width: Int
    public var kernel: Int
    public var stride: Int
    public var dilation: Int
    public var padTop: Int
    public var padLeft: Int
    public var outputHeight: Int
    public var outputWidth: Int

    /// Geometry with explicit padding on each side.
    public init(
      channels: Int, height: Int, width: Int, kernel: Int, stride: Int = 1, dilation: Int = 1,
      padTop: Int = 0, padBottom: Int = 0, padLeft: Int = 0, padRight: Int = 0
    ) {
      self.channels = channels
      self.height = height
      self.width = width
      self.kernel = kernel
      self.stride = stride
      self.dilation = dilation
      self.padTop = padTop
      self.padLeft = padLeft
      let effective = dilation * (kernel - 1) + 1
      outputHeight = floorDiv(height + padTop + padBottom - effective, stride) + 1
      outputWidth = floorDiv(width + padLeft + padRight - effective, stride) + 1
    }

    /// Geometry of a window layer with `padding` resolved for `input` (`HxWxC`).
    public init(input: Shape, kernel: Int, stride: Int, dilation: Int = 1, padding: Padding) {
      let effective = dilation * (kernel - 1) + 1
      let rows = padding.resolve(input: input.height, kernel: effective, stride: stride)
      let cols = padding.resolve(input: input.width, kernel: effective, stride: stride)
      self.init(
        channels: input.channels, height: input.height, width: input.width, kernel: kernel,
        stride: stride, dilation: dilation, padTop: rows.before, padBottom: rows.after,
        padLeft: cols.before, padRight: cols.after)
    }

    /// Rows of the column matrix: `C·k·k`.
    public var rows: Int { channels * kernel * kernel }
    /// Columns of one image: `Hout·Wout`.
    public var columns: Int { outputHeight * outputWidth }
    /// Values in one input image: `C·H·W`.
    public var imageCount: Int { channels * height * width }

    /// Output columns `ox` whose input column `ox·s + offset` lies inside `0 ..< W`.
    @inline(__always)
    func validColumns(offset: Int) -> Range<Int> {
      let low = max(0, -floorDiv(offset, stride))  // ⌈−offset/s⌉
      let high = min(outputWidth, floorDiv(width - 1 - offset, stride) + 1)
      return low..<max(low, high)
    }
  }

  /// Writes the column matrix of `image` (`C·H·W` values) into `columns`, whose rows are
  /// `rowStride` apart.
  public static func im2col(
    _ image: UnsafePointer<Float>, geometry g: Geometry,
    into columns: UnsafeMutablePointer<Float>, rowStride: Int
  ) {
    let (k, s, wOut) = (g.kernel, g.stride, g.outputWidth)
    for c in 0..<g.channels {
      let plane = image + c * g.height * g.width
      for ky in 0..<k {
        let dy = ky * g.dilation - g.padTop
        for kx in 0..<k {
          let dx = kx * g.dilation - g.padLeft
          let valid = g.validColumns(offset: dx)
          let row = columns + ((c * k + ky) * k + kx) * rowStride
          for oy in 0..<g.outputHeight {
            let out = row + oy * wOut
            let iy = oy * s + dy
            guard iy >= 0, iy < g.height, !valid.isEmpty else {
              for ox in 0..<wOut { out[ox] = 0 }
              continue
            }
            for ox in 0..<valid.lowerBound { out[ox] = 0 }
            let source = plane + iy * g.width + dx
            if s == 1 {
              copy(source + valid.lowerBound, to: out + valid.lowerBound, count: valid.count)
            } else {
              for ox in valid { out[ox] = source[ox * s] }
            }
            for ox in valid.upperBound..<wOut { out[ox] = 0 }
          }
        }
      }
    }
  }

  /// Adds the column matrix `columns` (rows `rowStride` apart) back into `image`.
  ///
  /// Every column entry is added to the input pixel its window read (the adjoint of
  /// ``im2col``); `image` is not cleared first.
  public static func col2im(
    _ columns: UnsafePointer<Float>, rowStride: Int, geometry g: Geometry,
    addingInto image: UnsafeMutablePointer<Float>
  ) {
    let (k, s, wOut) = (g.kernel, g.stride, g.outputWidth)
    for c in 0..<g.channels {
      let plane = image + c * g.height * g.width
      for ky in 0..<k {
        let dy = ky * g.dilation - g.padTop
        for kx in 0..<k {
          let dx = kx * g.dilation - g.padLeft
          let valid = g.validColumns(offset: dx)
          if valid.isEmpty { continue }
          let row = columns + ((c * k + ky) * k + kx) * rowStride
          for oy in 0..<g.outputHeight {
            let iy = oy * s + dy
            guard iy >= 0, iy < g.height else { continue }
            let column = row + oy * wOut
            let target = plane + iy * g.width + dx
            if s == 1 {
              add(column + valid.lowerBound, to: target + valid.lowerBound, count: valid.count)
            } else {
              for ox in valid { target[ox * s] += column[ox] }
            }
          }
        }
      }
    }
  }

  // Short rows (11 values for a 13-wide input) are most of the work: 8 lanes at a time, the
  // copy finishing with an overlapping block, beat the generic loops by about 2x.

  /// `target[0..<count] = source[0..<count]` (the two do not overlap).
  @inline(__always)
  static func copy(
    _ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int
  ) {
    guard count >= 8 else {
      for i in 0..<count { target[i] = source[i] }
      return
    }
    let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
    var i = 0
    while i + 8 <= count {
      to.storeBytes(
        of: from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), toByteOffset: i * 4,
        as: SIMD8<Float>.self)
      i += 8
    }
    if i < count {
      let last = (count - 8) * 4
      to.storeBytes(
        of: from.loadUnaligned(fromByteOffset: last, as: SIMD8<Float>.self), toByteOffset: last,
        as: SIMD8<Float>.self)
    }
  }

  /// `target[0..<count] += source[0..<count]`.
  @inline(__always)
  static func add(
    _ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int
  ) {
    let (from, to) = (UnsafeRawPointer(source), UnsafeMutableRawPointer(target))
    var i = 0
    while i + 8 <= count {
      let sum =
        to.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        + from.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
      to.storeBytes(of: sum, toByteOffset: i * 4, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      target[i] += source[i]
      i += 1
    }
  }
}
