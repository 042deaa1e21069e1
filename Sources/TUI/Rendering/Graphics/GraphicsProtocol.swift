/// How a picture is drawn on a terminal: real pixels through one of three image protocols, or
/// today's text (half blocks or the ASCII ramp).
public enum GraphicsProtocol: String, Sendable, CaseIterable {
  /// The kitty graphics protocol (kitty, Ghostty, WezTerm, Konsole): PNG in APC escapes.
  case kitty
  /// DEC sixel (xterm -ti vt340, foot, WezTerm, mlterm, Windows Terminal ≥ 1.22): six pixel
  /// rows per character, a palette of at most 256 colours.
  case sixel
  /// iTerm2's inline images (iTerm2, WezTerm, VS Code): a PNG file in an OSC 1337 escape.
  case iterm
  /// Characters only.
  case text

  /// Whether this protocol draws pixels.
  public var drawsPixels: Bool { self != .text }
}
