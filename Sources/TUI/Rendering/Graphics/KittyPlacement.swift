/// An image for kitty placeholders: its id, the cells it covers, its pixels.
public struct KittyPlacement: Sendable, Equatable {
  public var id: UInt8
  public var fit: TerminalImageFit
  public var raster: PictureRaster

  public init(id: UInt8, fit: TerminalImageFit, raster: PictureRaster) {
    self.id = id
    self.fit = fit
    self.raster = raster
  }

  /// The escapes that upload the raster as image `id` with a virtual placement of its cells
  /// (PNG through `png` when given, raw RGB otherwise), wrapped for tmux when asked.
  public func upload(png: [UInt8]?, throughTmux: Bool) -> String {
    let escapes =
      if let png {
        KittyGraphics.display(
          png: png, columns: fit.columns, rows: fit.rows, id: UInt32(id), placeholder: true)
      } else {
        KittyGraphics.display(
          rgb: raster.samples, width: raster.width, height: raster.height, columns: fit.columns,
          rows: fit.rows, id: UInt32(id), placeholder: true)
      }
    return (throughTmux ? escapes.map(TmuxPassthrough.wrap) : escapes).joined()
  }
}
