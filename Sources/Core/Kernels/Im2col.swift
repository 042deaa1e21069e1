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
    public let channels: Int
    public let height: Int
    public let width: Int
    public let kernel: Int
    public let stride: Int
    public let dilation: Int
    public let padTop: Int
    public let padLeft: Int
    public let outputHeight: Int
    public let outputWidth: Int
    /// For each kernel row `ky`: the output rows whose window row lies inside the image.
    public let rowRanges: [Range<Int>]
    /// For each kernel column `kx`: the output columns whose window column lies inside.
    public let columnRanges: [Range<Int>]
    /// For narrow outputs (`Wout < 8`): the offset `oy·s·Wp + ox·s` of each output's window
    /// corner in a plane `paddedWidth` wide, in `(oy, ox)` order; empty otherwise. Rows that
    /// short cost more per copy than per value, so im2col gathers through this table: from the
    /// image itself when every window lies inside it, else from a zero-bordered copy of each
    /// plane (``gathersFromPaddedCopy``).
    public let windowOffsets: [Int32]
    /// Whether the gather reads a padded copy, `paddedHeight x paddedWidth` with input
    /// `(iy, ix)` at `(iy + padTop, ix + padLeft)`.
    public let gathersFromPaddedCopy: Bool
    /// Whether outputs 8 or more wide, at a stride above 1 or with padding, copy each output
    /// row of a window row from the plane's phase planes (one block copy per row, no
    /// zero-filling, no strided reads; see ``phaseHeight``).
    public let copiesRowsFromPhasePlanes: Bool
    public let paddedHeight: Int
    public let paddedWidth: Int
    /// The padded plane split by the stride `s` into `s²` phase planes, `phaseHeight x
    /// phaseWidth` each (`⌈padded/s⌉`): phase `(py, px)` holds padded `(py + s·i, px + s·j)` at
    /// `(i, j)`. Window row `ky`, output row `oy` then reads phase row `oy + ⌊ky·d/s⌋` of phase
    /// `ky·d mod s`, and `Wout` outputs of a row are `Wout` consecutive values. (Stride 1: the
    /// padded plane itself.)
    public let phaseHeight: Int
    public let phaseWidth: Int

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
      let (outH, outW) = (outputHeight, outputWidth)
      rowRanges = (0..<max(kernel, 0)).map {
        Geometry.validRange(
          offset: $0 * dilation - padTop, size: height, outputs: outH, stride: stride)
      }
      columnRanges = (0..<max(kernel, 0)).map {
        Geometry.validRange(
          offset: $0 * dilation - padLeft, size: width, outputs: outW, stride: stride)
      }
      let inside =
        outH > 0 && outW > 0 && rowRanges.allSatisfy { $0 == 0..<outH }
        && columnRanges.allSatisfy { $0 == 0..<outW }
      // The padded plane the windows read: at least the image, and every window's reach; a
      // copy no larger than a few planes (huge padding or strides keep the general path, and
      // the sums are checked: shapes are refused for size only after this).
      /// `(outputs − 1)·s + k_eff`, nil on overflow.
      func reach(_ outputs: Int) -> Int? {
        let (span, spanOverflow) = (outputs - 1).multipliedReportingOverflow(by: stride)
        let (total, totalOverflow) = span.addingReportingOverflow(effective)
        return spanOverflow || totalOverflow ? nil : total
      }
      let paddedRows = reach(outH).map { max($0, padTop + height) }
      let paddedColumns = reach(outW).map { max($0, padLeft + width) }
      let bound = 4 * max(0, height) * max(0, width) + 4096
      /// Whether `a·b` values fit the bound (no overflow).
      func fits(_ a: Int, _ b: Int) -> Bool {
        let (size, overflow) = a.multipliedReportingOverflow(by: b)
        return !overflow && size <= bound
      }
      var (copyFits, phasesFit) = (false, false)
      var (phaseRows, phaseColumns) = (0, 0)
      if let paddedRows, let paddedColumns, padTop >= 0, padLeft >= 0, stride >= 1 {
        copyFits = fits(paddedRows, paddedColumns)
        // ⌈padded/s⌉ per phase, s² phases: at most (padded + s − 1)² values in all.
        phaseRows = paddedRows / stride + (paddedRows % stride == 0 ? 0 : 1)
        phaseColumns = paddedColumns / stride + (paddedColumns % stride == 0 ? 0 : 1)
        let (high, o1) = phaseRows.multipliedReportingOverflow(by: stride)
        let (wide, o2) = phaseColumns.multipliedReportingOverflow(by: stride)
        phasesFit = !o1 && !o2 && fits(high, wide)
      }
      let narrow = outH > 0 && outW > 0 && outW < 8 && (inside || copyFits)
      gathersFromPaddedCopy = narrow && !inside
      copiesRowsFromPhasePlanes =
        !narrow && outH > 0 && outW >= 8 && phasesFit && (stride > 1 || !inside)
      (paddedHeight, paddedWidth) =
        gathersFromPaddedCopy || copiesRowsFromPhasePlanes
        ? (paddedRows ?? height, paddedColumns ?? width) : (height, width)
      (phaseHeight, phaseWidth) =
        copiesRowsFromPhasePlanes ? (phaseRows, phaseColumns) : (paddedHeight, paddedWidth)
      let rowLength = paddedWidth
      windowOffsets =
        narrow
        ? (0..<outH * outW).map { Int32(($0 / outW) * stride * rowLength + ($0 % outW) * stride) }
        : []
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

    /// Outputs `o` whose input `o·s + offset` lies inside `0 ..< size` (computed once per
    /// geometry: the divisions cost more than a short row's copy).
    private static func validRange(offset: Int, size: Int, outputs: Int, stride: Int) -> Range<
      Int
    > {
      // ⌈−offset/s⌉, at most `outputs` (a pad wider than the input puts it past the end).
      let low = min(outputs, max(0, -floorDiv(offset, stride)))
      let high = min(outputs, floorDiv(size - 1 - offset, stride) + 1)
      return low..<max(low, high)
    }
  }

  /// Writes the column matrix of `image` (`C·H·W` values) into `columns`, whose rows are
  /// `rowStride` apart.
  public static func im2col(
    _ image: UnsafePointer<Float>, geometry g: Geometry,
    into columns: UnsafeMutablePointer<Float>, rowStride: Int
  ) {
    let (k, s, hOut, wOut) = (g.kernel, g.stride, g.outputHeight, g.outputWidth)
    if !g.windowOffsets.isEmpty {
      gather(image, geometry: g, into: columns, rowStride: rowStride)
      return
    }
    if g.copiesRowsFromPhasePlanes {
      copyRows(image, geometry: g, into: columns, rowStride: rowStride)
      return
    }
    for c in 0..<g.channels {
      let plane = image + c * g.height * g.width
      for ky in 0..<k {
        let dy = ky * g.dilation - g.padTop
        let rows = g.rowRanges[ky]
        for kx in 0..<k {
          let dx = kx * g.dilation - g.padLeft
          let valid = g.columnRanges[kx]
          let row = columns + ((c * k + ky) * k + kx) * rowStride
          // Output rows whose window row falls in the padding read zeros.
          let above = (valid.isEmpty ? hOut : rows.lowerBound) * wOut
          if above > 0 { row.update(repeating: 0, count: above) }
          if valid.isEmpty { continue }
          let below = (hOut - rows.upperBound) * wOut
          if below > 0 { (row + rows.upperBound * wOut).update(repeating: 0, count: below) }
          var source = plane + (rows.lowerBound * s + dy) * g.width + dx
          var out = row + rows.lowerBound * wOut
          if s == 1, valid.count == wOut {
            if wOut == g.width {
              // Whole rows side by side in both: one block.
              copy(source, to: out, count: rows.count * wOut)
            } else {
              for _ in rows {
                copy(source, to: out, count: wOut)
                source += g.width
                out += wOut
              }
            }
            continue
          }
          for _ in rows {
            for ox in 0..<valid.lowerBound { out[ox] = 0 }
            if s == 1 {
              copy(source + valid.lowerBound, to: out + valid.lowerBound, count: valid.count)
            } else if s == 2 {
              copyEveryOther(source, to: out, valid, readable: g.width - dx)
            } else {
              for ox in valid { out[ox] = source[ox * s] }
            }
            for ox in valid.upperBound..<wOut { out[ox] = 0 }
            source += s * g.width
            out += wOut
          }
        }
      }
    }
  }

  /// ``im2col`` for geometries with ``Geometry/windowOffsets``: row `(c, ky, kx)` reads
  /// `plane_c[(ky·W + kx)·d + offset[p]]` for every output `p`.
  private static func gather(
    _ image: UnsafePointer<Float>, geometry g: Geometry,
    into columns: UnsafeMutablePointer<Float>, rowStride: Int
  ) {
    guard g.gathersFromPaddedCopy else {
      forEachWindowRow(g) { r, corner, offsets in
        let (row, source) = (columns + r * rowStride, image + corner)
        for p in 0..<g.columns { row[p] = source[Int(offsets[p])] }
      }
      return
    }
    let planeSize = g.paddedHeight * g.paddedWidth
    withUnsafeTemporaryAllocation(of: Float.self, capacity: planeSize) { buffer in
      let padded = buffer.baseAddress!
      // The border is the same for every channel: zeroed once, the inside copied per plane.
      padded.initialize(repeating: 0, count: planeSize)
      g.windowOffsets.withUnsafeBufferPointer { offsets in
        guard let offsets = offsets.baseAddress else { return }
        for c in 0..<g.channels {
          copyInside(image + c * g.height * g.width, geometry: g, into: padded)
          for ky in 0..<g.kernel {
            for kx in 0..<g.kernel {
              let r = (c * g.kernel + ky) * g.kernel + kx
              let source = padded + (ky * g.paddedWidth + kx) * g.dilation
              let row = columns + r * rowStride
              for p in 0..<g.columns { row[p] = source[Int(offsets[p])] }
            }
          }
        }
      }
    }
  }

  /// Copies the `H x W` `plane` into the inside of the padded plane `padded` (its border is
  /// left as it is: zero).
  private static func copyInside(
    _ plane: UnsafePointer<Float>, geometry g: Geometry, into padded: UnsafeMutablePointer<Float>
  ) {
    for iy in 0..<g.height {
      (padded + (iy + g.padTop) * g.paddedWidth + g.padLeft).update(
        from: plane + iy * g.width, count: g.width)
    }
  }

  /// Adds the inside of the padded plane `padded` into the `H x W` `plane` (the adjoint of
  /// ``copyInside(_:geometry:into:)``).
  private static func addInside(
    _ padded: UnsafePointer<Float>, geometry g: Geometry, into plane: UnsafeMutablePointer<Float>
  ) {
    for iy in 0..<g.height {
      add(
        padded + (iy + g.padTop) * g.paddedWidth + g.padLeft, to: plane + iy * g.width,
        count: g.width)
    }
  }

  /// ``im2col`` for ``Geometry/copiesRowsFromPhasePlanes``: per plane, its phase planes
  /// (border zeroed once), then row `(c, ky, kx)`, output row `oy` is `Wout` consecutive values
  /// of phase `(ky·d mod s, kx·d mod s)` from `(oy + ⌊ky·d/s⌋, ⌊kx·d/s⌋)`.
  private static func copyRows(
    _ image: UnsafePointer<Float>, geometry g: Geometry,
    into columns: UnsafeMutablePointer<Float>, rowStride: Int
  ) {
    let (k, d, s, hOut, wOut) = (g.kernel, g.dilation, g.stride, g.outputHeight, g.outputWidth)
    let phaseSize = g.phaseHeight * g.phaseWidth
    let total = s * s * phaseSize
    withUnsafeTemporaryAllocation(of: Float.self, capacity: total) { buffer in
      let phases = buffer.baseAddress!
      phases.initialize(repeating: 0, count: total)
      for c in 0..<g.channels {
        copyIntoPhases(image + c * g.height * g.width, geometry: g, into: phases)
        for ky in 0..<k {
          let (py, qy) = ((ky * d) % s, (ky * d) / s)
          for kx in 0..<k {
            let (px, qx) = ((kx * d) % s, (kx * d) / s)
            let row = columns + ((c * k + ky) * k + kx) * rowStride
            var source = phases + (py * s + px) * phaseSize + qy * g.phaseWidth + qx
            for oy in 0..<hOut {
              copy(source, to: row + oy * wOut, count: wOut)
              source += g.phaseWidth
            }
          }
        }
      }
    }
  }

  /// ``col2im`` for ``Geometry/copiesRowsFromPhasePlanes`` (the adjoint of `copyRows`): per
  /// plane, the rows added into zeroed phase planes, then their inside added into the image.
  private static func addRows(
    _ columns: UnsafePointer<Float>, rowStride: Int, geometry g: Geometry,
    into image: UnsafeMutablePointer<Float>
  ) {
    let (k, d, s, hOut, wOut) = (g.kernel, g.dilation, g.stride, g.outputHeight, g.outputWidth)
    let phaseSize = g.phaseHeight * g.phaseWidth
    let total = s * s * phaseSize
    withUnsafeTemporaryAllocation(of: Float.self, capacity: total) { buffer in
      let phases = buffer.baseAddress!
      for c in 0..<g.channels {
        phases.initialize(repeating: 0, count: total)
        for ky in 0..<k {
          let (py, qy) = ((ky * d) % s, (ky * d) / s)
          for kx in 0..<k {
            let (px, qx) = ((kx * d) % s, (kx * d) / s)
            let row = columns + ((c * k + ky) * k + kx) * rowStride
            var target = phases + (py * s + px) * phaseSize + qy * g.phaseWidth + qx
            for oy in 0..<hOut {
              add(row + oy * wOut, to: target, count: wOut)
              target += g.phaseWidth
            }
          }
        }
        addFromPhases(phases, geometry: g, into: image + c * g.height * g.width)
      }
    }
  }

  /// Copies the `H x W` `plane` into the inside of its phase planes `phases` (see
  /// ``Geometry/phaseHeight``; the border is left as it is: zero): input `(iy, ix)` is padded
  /// `(iy + padTop, ix + padLeft)`.
  private static func copyIntoPhases(
    _ plane: UnsafePointer<Float>, geometry g: Geometry, into phases: UnsafeMutablePointer<Float>
  ) {
    let s = g.stride
    forEachPhaseRun(g) { row, first, phaseOffset, count in
      let (source, target) = (plane + row, phases + phaseOffset)
      if s == 1 {
        target.update(from: source, count: count)
      } else if s == 2 {
        copyEveryOther(source, to: target, 0..<count, readable: g.width, odd: first == 1)
      } else {
        for j in 0..<count { target[j] = source[first + j * s] }
      }
    }
  }

  /// Adds the inside of the phase planes `phases` into the `H x W` `plane` (the adjoint of
  /// ``copyIntoPhases(_:geometry:into:)``).
  private static func addFromPhases(
    _ phases: UnsafePointer<Float>, geometry g: Geometry, into plane: UnsafeMutablePointer<Float>
  ) {
    let s = g.stride
    forEachPhaseRun(g) { row, first, phaseOffset, count in
      let (source, target) = (phases + phaseOffset, plane + row)
      if s == 1 {
        add(source, to: target, count: count)
      } else if s == 2 {
        addEveryOther(source, to: target, 0..<count, writable: g.width, odd: first == 1)
      } else {
        for j in 0..<count { target[first + j * s] += source[j] }
      }
    }
  }

  /// Calls `body(row, first, phaseOffset, count)` for every run of an image row that lands in
  /// one phase row: image values `row + first + j·s` ↔ phase values `phaseOffset + j`,
  /// `j < count` (`row` is the offset of the image row's start).
  @inline(__always)
  private static func forEachPhaseRun(_ g: Geometry, _ body: (Int, Int, Int, Int) -> Void) {
    let s = g.stride
    let phaseSize = g.phaseHeight * g.phaseWidth
    // Phase and phase row of image row iy, kept as counters (no division per row).
    for first in 0..<min(s, g.width) {
      let x = first + g.padLeft
      let column = (x % s) * phaseSize + x / s
      let count = (g.width - first + s - 1) / s
      var (phase, phaseRow) = (g.padTop % s, g.padTop / s)
      for iy in 0..<g.height {
        body(iy * g.width, first, phase * s * phaseSize + phaseRow * g.phaseWidth + column, count)
        phase += 1
        if phase == s { (phase, phaseRow) = (0, phaseRow + 1) }
      }
    }
  }

  /// Calls `body(r, corner, offsets)` for every column-matrix row `r = (c, ky, kx)` of a
  /// geometry with ``Geometry/windowOffsets``: `corner` is the input offset of the row's first
  /// window, `offsets` the table.
  @inline(__always)
  private static func forEachWindowRow(
    _ g: Geometry, _ body: (Int, Int, UnsafePointer<Int32>) -> Void
  ) {
    let k = g.kernel
    g.windowOffsets.withUnsafeBufferPointer { offsets in
      guard let offsets = offsets.baseAddress else { return }
      for c in 0..<g.channels {
        for ky in 0..<k {
          for kx in 0..<k {
            let corner = c * g.height * g.width + (ky * g.width + kx) * g.dilation
            body((c * k + ky) * k + kx, corner, offsets)
          }
        }
      }
    }
  }

  /// `images` images' columns side by side in one matrix (image `i`'s start at column
  /// `i·g.columns`, rows `rowStride` apart) folded back into `images` consecutive NCHW images of
  /// `C·H·W` values, which are overwritten (cleared, then ``col2im(_:rowStride:geometry:addingInto:)``).
  public static func col2im(
    _ columns: UnsafePointer<Float>, images: Int, rowStride: Int, geometry g: Geometry,
    into output: UnsafeMutablePointer<Float>
  ) {
    let imageCount = g.channels * g.height * g.width
    output.update(repeating: 0, count: images * imageCount)
    for i in 0..<images {
      col2im(
        columns + i * g.columns, rowStride: rowStride, geometry: g,
        addingInto: output + i * imageCount)
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
    if !g.windowOffsets.isEmpty {
      scatterAdd(columns, rowStride: rowStride, geometry: g, into: image)
      return
    }
    if g.copiesRowsFromPhasePlanes {
      addRows(columns, rowStride: rowStride, geometry: g, into: image)
      return
    }
    for c in 0..<g.channels {
      let plane = image + c * g.height * g.width
      for ky in 0..<k {
        let dy = ky * g.dilation - g.padTop
        for kx in 0..<k {
          let dx = kx * g.dilation - g.padLeft
          let valid = g.columnRanges[kx]
          if valid.isEmpty { continue }
          let row = columns + ((c * k + ky) * k + kx) * rowStride
          for oy in g.rowRanges[ky] {
            let iy = oy * s + dy
            let column = row + oy * wOut
            let target = plane + iy * g.width + dx
            if s == 1 {
              add(column + valid.lowerBound, to: target + valid.lowerBound, count: valid.count)
            } else if s == 2 {
              addEveryOther(column, to: target, valid, writable: g.width - dx)
            } else {
              for ox in valid { target[ox * s] += column[ox] }
            }
          }
        }
      }
    }
  }

  /// ``col2im`` through ``Geometry/windowOffsets`` (the adjoint of `gather`; within one row
  /// the offsets are distinct, so the adds never collide).
  private static func scatterAdd(
    _ columns: UnsafePointer<Float>, rowStride: Int, geometry g: Geometry,
    into image: UnsafeMutablePointer<Float>
  ) {
    guard g.gathersFromPaddedCopy else {
      forEachWindowRow(g) { r, corner, offsets in
        let (row, target) = (columns + r * rowStride, image + corner)
        for p in 0..<g.columns { target[Int(offsets[p])] += row[p] }
      }
      return
    }
    // Per plane: the rows added into a zeroed padded plane, then its inside into the image.
    let planeSize = g.paddedHeight * g.paddedWidth
    withUnsafeTemporaryAllocation(of: Float.self, capacity: planeSize) { buffer in
      let padded = buffer.baseAddress!
      g.windowOffsets.withUnsafeBufferPointer { offsets in
        guard let offsets = offsets.baseAddress else { return }
        for c in 0..<g.channels {
          padded.initialize(repeating: 0, count: planeSize)
          for ky in 0..<g.kernel {
            for kx in 0..<g.kernel {
              let r = (c * g.kernel + ky) * g.kernel + kx
              let target = padded + (ky * g.paddedWidth + kx) * g.dilation
              let row = columns + r * rowStride
              for p in 0..<g.columns { target[Int(offsets[p])] += row[p] }
            }
          }
          addInside(padded, geometry: g, into: image + c * g.height * g.width)
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

  /// `target[ox] = source[2·ox + o]` (`o` 1 when `odd`, else 0) for `ox` in `outputs`, 8 at a
  /// time (one 16-value load from `source + 2·ox`) while the load stays within the `readable`
  /// values from `source`.
  @inline(__always)
  static func copyEveryOther(
    _ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, _ outputs: Range<Int>,
    readable: Int, odd: Bool = false
  ) {
    var ox = outputs.lowerBound
    while ox + 8 <= outputs.upperBound && 2 * ox + 16 <= readable {
      let pairs = UnsafeRawPointer(source + 2 * ox).loadUnaligned(as: SIMD16<Float>.self)
      UnsafeMutableRawPointer(target + ox).storeBytes(
        of: odd ? pairs.oddHalf : pairs.evenHalf, as: SIMD8<Float>.self)
      ox += 8
    }
    let o = odd ? 1 : 0
    while ox < outputs.upperBound {
      target[ox] = source[2 * ox + o]
      ox += 1
    }
  }

  /// `target[2·ox + o] += source[ox]` (`o` 1 when `odd`, else 0) for `ox` in `outputs`, 8 at a
  /// time (the other lanes add 0) while the 16 values from `target + 2·ox` stay within the
  /// `writable` ones.
  @inline(__always)
  static func addEveryOther(
    _ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, _ outputs: Range<Int>,
    writable: Int, odd: Bool = false
  ) {
    var ox = outputs.lowerBound
    while ox + 8 <= outputs.upperBound && 2 * ox + 16 <= writable {
      let v = UnsafeRawPointer(source + ox).loadUnaligned(as: SIMD8<Float>.self)
      let spread =
        odd
        ? SIMD16<Float>(0, v[0], 0, v[1], 0, v[2], 0, v[3], 0, v[4], 0, v[5], 0, v[6], 0, v[7])
        : SIMD16<Float>(v[0], 0, v[1], 0, v[2], 0, v[3], 0, v[4], 0, v[5], 0, v[6], 0, v[7], 0)
      let raw = UnsafeMutableRawPointer(target + 2 * ox)
      let sum = raw.loadUnaligned(as: SIMD16<Float>.self) + spread
      raw.storeBytes(of: sum, as: SIMD16<Float>.self)
      ox += 8
    }
    let o = odd ? 1 : 0
    while ox < outputs.upperBound {
      target[2 * ox + o] += source[ox]
      ox += 1
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
