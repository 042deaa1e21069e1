/// A picture as real pixels: 8-bit RGB, rows top to bottom, for image files (`export png`,
/// the pictures of `export html`).
///
/// A `.images` picture becomes a grid of its images, each value an `s x s` square in the
/// palette's colour (scaled per image exactly as ``ImageRenderer/normalized(_:)`` does for the
/// text pictures), `g = max(2, s/2)` background pixels around and between the images, `k`
/// images per row: `k·w·s + (k + 1)·g` pixels wide for cells of the largest image's `w x h`,
/// `r·h·s + (r + 1)·g` high for `r` rows. Captions are not drawn (an image file has no font);
/// they stay with the picture for whoever shows it.
public struct PictureRaster: Sendable, Equatable {
  public let width: Int
  public let height: Int
  /// `width·height·3` bytes, red, green, blue per pixel.
  public private(set) var samples: [UInt8]

  /// The colour between and around the images (a dark grey, like a terminal's background).
  public static let background = RGB(24, 24, 24)

  /// The largest raster drawn (pixels per side): a picture that would be larger gets a
  /// smaller scale.
  public static let maxSide = 4096

  public init(width: Int, height: Int, fill: RGB = PictureRaster.background) {
    self.width = max(0, width)
    self.height = max(0, height)
    samples = [UInt8](repeating: 0, count: self.width * self.height * 3)
    for i in 0..<(self.width * self.height) {
      (samples[3 * i], samples[3 * i + 1], samples[3 * i + 2]) = (fill.red, fill.green, fill.blue)
    }
  }

  /// The colour of pixel `(x, y)`.
  public func pixel(x: Int, y: Int) -> RGB {
    let i = 3 * (y * width + x)
    return RGB(samples[i], samples[i + 1], samples[i + 2])
  }

  /// Paints the `size x size` square whose top-left pixel is `(x, y)` (clipped to the raster).
  public mutating func fill(x: Int, y: Int, size: Int, with color: RGB) {
    for row in max(0, y)..<min(height, y + size) {
      for column in max(0, x)..<min(width, x + size) {
        let i = 3 * (row * width + column)
        (samples[i], samples[i + 1], samples[i + 2]) = (color.red, color.green, color.blue)
      }
    }
  }

  /// This raster resampled to `width x height` (nearest pixel: sharp value squares stay sharp).
  public func resized(width newWidth: Int, height newHeight: Int) -> PictureRaster {
    let w = max(1, newWidth)
    let h = max(1, newHeight)
    if w == width && h == height { return self }
    var out = PictureRaster(width: w, height: h)
    guard width > 0, height > 0 else { return out }
    for y in 0..<h {
      let sourceRow = min(height - 1, y * height / h)
      for x in 0..<w {
        let source = 3 * (sourceRow * width + min(width - 1, x * width / w))
        let target = 3 * (y * w + x)
        out.samples[target] = samples[source]
        out.samples[target + 1] = samples[source + 1]
        out.samples[target + 2] = samples[source + 2]
      }
    }
    return out
  }

  /// Pixels per value for images whose largest side is `side`: about 128 pixels per image, at
  /// least 1, at most 32 (a 3x3 kernel is drawn 96 pixels wide, a 28x28 map 112).
  public static func scale(forSide side: Int) -> Int {
    min(32, max(1, 128 / max(1, side)))
  }

  /// The size in pixels ``of(_:columns:)`` would draw `picture` at, without drawing it.
  public static func size(of picture: VisualPicture, columns: Int = 8) -> (width: Int, height: Int)? {
    guard case .images(_, let images, _) = picture,
      let g = Geometry(drawable(images), columns: columns)
    else { return nil }
    return (g.width, g.height)
  }

  /// Where ``grid(_:palette:columns:)`` puts `n` images: images per row, rows, the cell of the
  /// largest image, pixels per value, the gap and the raster's size.
  struct Geometry {
    var perRow, rows, cellWidth, cellHeight, scale, gap, width, height: Int

    /// nil when there are no images or they cannot fit ``maxSide`` at one pixel a value.
    init?(_ drawn: [CaptionedImage], columns: Int) {
      guard !drawn.isEmpty else { return nil }
      let square = Int(Double(drawn.count).squareRoot().rounded(.up))
      perRow = max(1, min(drawn.count, max(columns, square)))
      rows = (drawn.count + perRow - 1) / perRow
      cellWidth = drawn.map(\.width).max() ?? 1
      cellHeight = drawn.map(\.height).max() ?? 1
      scale = PictureRaster.scale(forSide: max(cellWidth, cellHeight))
      gap = max(2, scale / 2)
      func side(_ cells: Int, _ cell: Int, _ scale: Int, _ gap: Int) -> Int {
        cells * cell * scale + (cells + 1) * gap
      }
      while scale > 1
        && max(side(perRow, cellWidth, scale, gap), side(rows, cellHeight, scale, gap)) > maxSide
      {
        scale -= 1
        gap = max(2, scale / 2)
      }
      width = side(perRow, cellWidth, scale, gap)
      height = side(rows, cellHeight, scale, gap)
      guard width <= PictureRaster.maxSide, height <= PictureRaster.maxSide else { return nil }
    }
  }

  /// The raster of `picture`, or nil when it has no images (text or prerendered cells).
  public static func of(_ picture: VisualPicture, columns: Int = 8) -> PictureRaster? {
    guard case .images(_, let images, let palette) = picture else { return nil }
    return grid(images, palette: palette, columns: columns)
  }

  /// The images a raster draws: those with pixels and all their values (the others are left
  /// out, and so are their captions wherever the raster is shown).
  public static func drawable(_ images: [CaptionedImage]) -> [CaptionedImage] {
    images.filter { $0.width > 0 && $0.height > 0 && $0.values.count >= $0.width * $0.height }
  }

  /// The ``drawable(_:)`` images in rows of `columns` (more when there are more than
  /// `columns²` images: `⌈√n⌉`), each in a cell as large as the largest image (smaller ones
  /// top-left in theirs), `s = scale(forSide:)` shrunk until both sides are at most
  /// ``maxSide``; nil when there are no images or they cannot fit even at one pixel a value.
  public static func grid(_ images: [CaptionedImage], palette: Palette, columns: Int = 8)
    -> PictureRaster?
  {
    let drawn = drawable(images)
    guard let g = Geometry(drawn, columns: columns) else { return nil }
    let (perRow, cellWidth, cellHeight, scale, gap) = (g.perRow, g.cellWidth, g.cellHeight, g.scale, g.gap)
    let (width, height) = (g.width, g.height)
    var raster = PictureRaster(width: width, height: height)
    let renderer = ImageRenderer(depth: .trueColor, palette: palette)
    for (index, image) in drawn.enumerated() {
      let left = gap + (index % perRow) * (cellWidth * scale + gap)
      let top = gap + (index / perRow) * (cellHeight * scale + gap)
      let t = renderer.normalized(Array(image.values.prefix(image.width * image.height)))
      for y in 0..<image.height {
        for x in 0..<image.width {
          raster.fill(
            x: left + x * scale, y: top + y * scale, size: scale,
            with: palette.color(at: t[y * image.width + x]))
        }
      }
    }
    return raster
  }
}
