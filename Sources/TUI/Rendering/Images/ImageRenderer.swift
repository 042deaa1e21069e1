/// Turns an image (row-major values, `height` rows of `width`) into terminal cells.
///
/// Scaling is per image: sequential `t = (v - min)/(max - min)` (0 if flat); diverging
/// `t = 0.5 + 0.5·v/max|v|` (0.5 if all zero), so zero is always the middle colour.
/// - Colour (`ansi256`, `trueColor`): one column per pixel, two pixel rows per line, as the
///   upper half block `▀` with foreground = top pixel, background = bottom pixel.
/// - No colour (`none`, `basic`): the same footprint; each character is the mean `t` of the two
///   pixel rows, drawn from the ramp ` .:-=+*#%@` at index `round(9·t)`.
/// An image of `w`x`h` pixels takes `w` columns and `ceil(h/2)` lines either way.
public struct ImageRenderer: Sendable {
  public static let asciiRamp: [Character] = Array(" .:-=+*#%@")

  public var depth: ColorDepth
  public var palette: Palette

  public init(depth: ColorDepth, palette: Palette = .sequential) {
    self.depth = depth
    self.palette = palette
  }

  /// Whether pictures use coloured half blocks (else the ASCII ramp).
  public var usesColor: Bool { depth >= .ansi256 }

  /// Per-image scaling of `values` to `0...1` (non-finite values count as 0).
  public func normalized(_ values: [Float]) -> [Double] {
    let v = values.map { $0.isFinite ? Double($0) : 0 }
    switch palette {
    case .sequential:
      guard let lo = v.min(), let hi = v.max(), hi > lo else { return v.map { _ in 0 } }
      return v.map { ($0 - lo) / (hi - lo) }
    case .diverging:
      let m = v.map { abs($0) }.max() ?? 0
      guard m > 0 else { return v.map { _ in 0.5 } }
      return v.map { 0.5 + 0.5 * $0 / m }
    }
  }

  /// The cells of one image: `width` columns, `ceil(height/2)` rows.
  public func cells(values: [Float], width: Int, height: Int) -> [[TerminalCell]] {
    guard width > 0, height > 0, values.count >= width * height else { return [] }
    let t = normalized(Array(values.prefix(width * height)))
    var rows: [[TerminalCell]] = []
    for line in 0..<((height + 1) / 2) {
      let top = 2 * line
      let bottom = top + 1 < height ? top + 1 : nil
      var row: [TerminalCell] = []
      row.reserveCapacity(width)
      for x in 0..<width {
        let a = t[top * width + x]
        let b = bottom.map { t[$0 * width + x] }
        if usesColor {
          row.append(TerminalCell("▀", foreground: color(a), background: b.map(color)))
        } else {
          let mean = b.map { (a + $0) / 2 } ?? a
          let index = min(9, max(0, Int((mean * 9).rounded())))
          row.append(TerminalCell(Self.asciiRamp[index]))
        }
      }
      rows.append(row)
    }
    return rows
  }

  /// One image as strings (ANSI escapes when colour is on, plain text otherwise).
  public func lines(values: [Float], width: Int, height: Int) -> [String] {
    ANSI.encode(cells(values: values, width: width, height: height))
  }

  /// A grid of images, each under its caption (left-aligned, cut to the image width), as many
  /// per row as fit in `maxWidth` with `gap` blank columns between them (at least one per row).
  /// Every row of the result has the same width: `k·w + (k-1)·gap` for `k` images per row.
  public func grid(_ images: [CaptionedImage], maxWidth: Int, gap: Int = 1) -> [[TerminalCell]] {
    guard let w = images.map(\.width).max(), let h = images.map(\.height).max(), w > 0 else {
      return []
    }
    let perRow = max(1, min(images.count, (maxWidth + gap) / (w + gap)))
    let imageRows = (h + 1) / 2
    let rowWidth = perRow * w + (perRow - 1) * gap
    var out: [[TerminalCell]] = []
    var start = 0
    while start < images.count {
      let group = images[start..<min(images.count, start + perRow)]
      var block = Array(
        repeating: Array(repeating: TerminalCell.blank, count: rowWidth), count: imageRows + 1)
      for (k, image) in group.enumerated() {
        let x0 = k * (w + gap)
        for (i, ch) in image.caption.prefix(w).enumerated() {
          block[0][x0 + i] = TerminalCell(ch)
        }
        for (r, row) in cells(values: image.values, width: image.width, height: image.height)
          .enumerated()
        {
          for (c, cell) in row.enumerated() { block[1 + r][x0 + c] = cell }
        }
      }
      out.append(contentsOf: block)
      start += perRow
    }
    return out
  }

  /// `grid` encoded as strings.
  public func gridLines(_ images: [CaptionedImage], maxWidth: Int, gap: Int = 1) -> [String] {
    ANSI.encode(grid(images, maxWidth: maxWidth, gap: gap))
  }

  private func color(_ t: Double) -> CellColor {
    let rgb = palette.color(at: t)
    return depth == .trueColor ? .rgb(rgb) : .indexed(rgb.xterm256)
  }
}
