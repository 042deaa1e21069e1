/// Where a raster goes on a terminal: the cells it covers and the pixels it is drawn at.
///
/// The raster keeps its proportions. It is never enlarged and is shrunk to fit `maxColumns`
/// columns (and `maxRows` rows when given) of `cw x ch`-pixel cells: the factor is
/// `f = min(1, maxColumns·cw/w, maxRows·ch/h)`, the drawn size `w' = ⌊f·w⌋`, `h' = ⌊f·h⌋`
/// (at least 1), and it covers `columns = ⌈w'/cw⌉`, `rows = ⌈h'/ch⌉` cells.
public struct TerminalImageFit: Sendable, Equatable {
  public var columns: Int
  public var rows: Int
  /// The drawn size in pixels (what a sixel image is resampled to).
  public var pixelWidth: Int
  public var pixelHeight: Int

  public init(columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int) {
    self.columns = columns
    self.rows = rows
    self.pixelWidth = pixelWidth
    self.pixelHeight = pixelHeight
  }

  public static func fit(
    width: Int, height: Int, maxColumns: Int, maxRows: Int? = nil, cell: CellPixels
  ) -> TerminalImageFit {
    let width = max(1, width)
    let height = max(1, height)
    var factor = min(1.0, Double(max(1, maxColumns) * cell.width) / Double(width))
    if let maxRows {
      factor = min(factor, Double(max(1, maxRows) * cell.height) / Double(height))
    }
    let w = max(1, Int((Double(width) * factor).rounded(.down)))
    let h = max(1, Int((Double(height) * factor).rounded(.down)))
    return TerminalImageFit(
      columns: (w + cell.width - 1) / cell.width, rows: (h + cell.height - 1) / cell.height,
      pixelWidth: w, pixelHeight: h)
  }
}
