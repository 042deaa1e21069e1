/// One character cell of a picture: a character plus optional foreground and background colours.
///
/// The shared output of `ImageRenderer`: the ncurses screen blits cells, the plain presenter
/// turns them into ANSI strings with `ANSI.encode`.
public struct TerminalCell: Sendable, Hashable {
  public var character: Character
  public var foreground: CellColor?
  public var background: CellColor?

  public init(_ character: Character, foreground: CellColor? = nil, background: CellColor? = nil) {
    self.character = character
    self.foreground = foreground
    self.background = background
  }

  public static let blank = TerminalCell(" ")
}
