/// The `--graphics auto|kitty|sixel|iterm|text` option and `set graphics=…`: how pictures reach
/// the terminal. `auto` asks the terminal (``GraphicsDetection``); the others are taken as said.
public enum GraphicsChoice: String, Sendable, CaseIterable {
  case auto
  case kitty
  case sixel
  case iterm
  case text

  /// The protocol a choice names, nil for `auto` (which must be detected).
  public var named: GraphicsProtocol? {
    switch self {
    case .auto: nil
    case .kitty: .kitty
    case .sixel: .sixel
    case .iterm: .iterm
    case .text: .text
    }
  }
}
