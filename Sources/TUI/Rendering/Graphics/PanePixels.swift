/// Real pixels for the picture pane: kitty placeholders for an image id, at the cell size of
/// the terminal. The pane's picture is fitted into the pane's cells below its title
/// (``TerminalImageFit``, never enlarged) and drawn as ``KittyPlaceholder`` cells; the screen
/// uploads the ``KittyPlacement/raster`` under the same id.
public struct PanePixels: Sendable, Equatable {
  /// The image id the placeholders name (1...255).
  public var id: UInt8
  public var cell: CellPixels

  public init(id: UInt8, cell: CellPixels) {
    self.id = id
    self.cell = cell
  }

  /// The cells `picture` covers in `width x height` cells; nil for pictures without images.
  public func fit(for picture: VisualPicture?, width: Int, height: Int) -> TerminalImageFit? {
    guard let picture, let size = PictureRaster.size(of: picture), width > 0, height > 0 else {
      return nil
    }
    return TerminalImageFit.fit(
      width: size.width, height: size.height, maxColumns: min(width, KittyPlaceholder.maxSide),
      maxRows: min(height, KittyPlaceholder.maxSide), cell: cell)
  }

  /// The placeholder rows for `picture` in `width x height` cells.
  public func rows(for picture: VisualPicture?, width: Int, height: Int) -> [[TerminalCell]]? {
    fit(for: picture, width: width, height: height).map {
      KittyPlaceholder.cells(id: id, columns: $0.columns, rows: $0.rows)
    }
  }

  /// What the terminal must hold for `picture` in `width x height` cells: the raster drawn at
  /// the fitted size and the cells it covers; nil for pictures without images.
  public func placement(for picture: VisualPicture?, width: Int, height: Int) -> KittyPlacement? {
    guard let picture, let fit = fit(for: picture, width: width, height: height),
      let full = PictureRaster.of(picture)
    else { return nil }
    return KittyPlacement(
      id: id, fit: fit, raster: full.resized(width: fit.pixelWidth, height: fit.pixelHeight))
  }
}
