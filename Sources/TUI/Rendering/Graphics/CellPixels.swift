/// The size of one character cell in screen pixels (from `TIOCGWINSZ`'s pixel fields when the
/// terminal fills them in, else ``standard``).
public struct CellPixels: Sendable, Equatable {
  public var width: Int
  public var height: Int

  public init(width: Int, height: Int) {
    self.width = max(1, width)
    self.height = max(1, height)
  }

  /// A common cell (a 10x20-pixel cell: 80x24 is an 800x480 window).
  public static let standard = CellPixels(width: 10, height: 20)

  /// The cell of a window `pixelWidth x pixelHeight` of `columns x rows` cells, or
  /// ``standard`` when the window does not say its pixels.
  public static func of(columns: Int, rows: Int, pixelWidth: Int, pixelHeight: Int) -> CellPixels
  {
    guard columns > 0, rows > 0, pixelWidth >= columns, pixelHeight >= rows else {
      return standard
    }
    return CellPixels(width: pixelWidth / columns, height: pixelHeight / rows)
  }
}
