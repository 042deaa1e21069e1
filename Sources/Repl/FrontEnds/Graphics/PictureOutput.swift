import Rendering
import Repl

/// How a plain presenter draws pictures: the protocol in force, what `auto` found at start
/// (for `set graphics=auto`), whether escapes go through tmux, and the window's size.
public struct PictureOutput: Sendable {
  public var graphics: GraphicsProtocol
  /// What `auto` resolves to on this terminal (text when it was not asked).
  public var detected: GraphicsProtocol
  public var throughTmux: Bool
  /// Columns and cell pixels now (read at each picture: the window may have been resized).
  public var windowSize: @Sendable () -> (columns: Int, cell: CellPixels)
  /// Said at start when the choice cannot work here (images inside tmux with passthrough off).
  public var notice: String?

  public init(
    graphics: GraphicsProtocol, detected: GraphicsProtocol, throughTmux: Bool,
    windowSize: @escaping @Sendable () -> (columns: Int, cell: CellPixels)
  ) {
    self.graphics = graphics
    self.detected = detected
    self.throughTmux = throughTmux
    self.windowSize = windowSize
  }

  /// Text pictures only (pipes, transcripts, tests).
  public static let text = PictureOutput(
    graphics: .text, detected: .text, throughTmux: false, windowSize: { (80, .standard) })

  /// After `set graphics=choice`.
  public mutating func choose(_ choice: GraphicsChoice) {
    graphics = choice.named ?? detected
  }

  /// What to print for `picture` when it is drawn as pixels, nil when it is drawn as text: its
  /// title line; then the image's rows reserved as blank lines (so that neither the text after
  /// it nor tmux, which does not know the image is there, draws over it), the cursor back at
  /// their top (`ESC [ r A`, `ESC 7`), the image escape, the cursor below the rows (`ESC 8`,
  /// `ESC [ r B`); then the captions' lines.
  public func text(for picture: VisualPicture) -> String? {
    guard graphics.drawsPixels else { return nil }
    let (columns, cell) = windowSize()
    guard
      let image = TerminalPicture.make(
        picture, graphics: graphics, maxColumns: max(1, columns - 1), cell: cell,
        throughTmux: throughTmux)
    else { return nil }
    let title = TerminalText.line(picture.title)
    let captions = TerminalPicture.captionLines(picture, width: max(20, columns - 1))
      .map(TerminalText.line)
    let rows = image.fit.rows
    let drawn =
      String(repeating: "\n", count: rows) + "\u{1B}[\(rows)A\u{1B}7" + image.escape
      + "\u{1B}8\u{1B}[\(rows)B"
    return title + "\n" + drawn + captions.map { $0 + "\n" }.joined()
  }
}
