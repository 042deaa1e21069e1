/// One rendered row of a pane: styled text or picture cells.
public enum PaneRow: Sendable, Equatable {
  case text(StyledLine)
  case cells([TerminalCell])
}
