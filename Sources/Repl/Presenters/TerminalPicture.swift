import Datasets
import Rendering

/// A picture as the escapes of a terminal image protocol, sized to the cells it may cover.
///
/// The picture's ``PictureRaster`` is shrunk (never enlarged) to fit `maxColumns` (and
/// `maxRows`) cells of the terminal's cell size, then sent as PNG (kitty, iTerm2) or sixel. Inside
/// tmux every escape is wrapped for passthrough (each kitty chunk on its own, as tmux forwards
/// one escape at a time).
public struct TerminalPicture: Sendable, Equatable {
  /// The bytes to write at the cursor.
  public var escape: String
  /// The cells the picture covers and its drawn size in pixels.
  public var fit: TerminalImageFit

  public init(escape: String, fit: TerminalImageFit) {
    self.escape = escape
    self.fit = fit
  }

  /// The escapes for `picture`, nil when `graphics` is text, the picture has no images (text,
  /// charts drawn as cells) or its raster cannot be made.
  public static func make(
    _ picture: VisualPicture, graphics: GraphicsProtocol, maxColumns: Int, maxRows: Int? = nil,
    cell: CellPixels, throughTmux: Bool = false
  ) -> TerminalPicture? {
    guard graphics.drawsPixels, let full = PictureRaster.of(picture) else { return nil }
    let fit = TerminalImageFit.fit(
      width: full.width, height: full.height, maxColumns: maxColumns, maxRows: maxRows,
      cell: cell)
    let raster = full.resized(width: fit.pixelWidth, height: fit.pixelHeight)
    var escapes: [String]
    switch graphics {
    case .sixel:
      escapes = [SixelEncoder.encode(raster)]
    case .kitty, .iterm:
      guard
        let png = try? PNGCodec.encode(
          raster.samples, width: raster.width, height: raster.height, channels: 3)
      else { return nil }
      escapes =
        graphics == .kitty
        ? KittyGraphics.display(png: png, columns: fit.columns, rows: fit.rows)
        : [ITermImage.display(png: png, columns: fit.columns, rows: fit.rows)]
    case .text:
      return nil
    }
    if throughTmux { escapes = escapes.map(TmuxPassthrough.wrap) }
    return TerminalPicture(escape: escapes.joined(), fit: fit)
  }

  /// 8-bit RGB samples as PNG bytes (nil when they do not make `width x height`).
  public static func png(_ samples: [UInt8], width: Int, height: Int) -> [UInt8]? {
    try? PNGCodec.encode(samples, width: width, height: height, channels: 3)
  }

  /// ``png(_:width:height:)`` as the full screen's encoder (``TUIOptions/pngEncoder``).
  public static let pngEncoder: @Sendable ([UInt8], Int, Int) -> [UInt8]? = { samples, w, h in
    png(samples, width: w, height: h)
  }

  /// The captions of the images a raster draws, as lines of at most `width` columns (numbers
  /// and names separated by two spaces), for under the picture; empty when no image has one.
  public static func captionLines(_ picture: VisualPicture, width: Int) -> [String] {
    guard case .images(_, let images, _) = picture else { return [] }
    let captions = PictureRaster.drawable(images).map(\.caption)
    guard captions.contains(where: { !$0.isEmpty }) else { return [] }
    var lines: [String] = []
    var line = ""
    for caption in captions {
      let word = caption.isEmpty ? "·" : caption
      if !line.isEmpty && line.count + 2 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : "  ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
