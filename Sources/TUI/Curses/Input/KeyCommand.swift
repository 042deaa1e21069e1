import Rendering

/// The UI's own keys, bound in readline's keymap (keypad is off, so they arrive as escape
/// sequences and go through the same input path as everything else).
enum KeyCommand: CaseIterable {
  case pageUp, pageDown, help, featureMaps, filters, curve, redraw

  /// The escape sequences for xterm, tmux/screen, the Linux console and rxvt.
  var sequences: [String] {
    switch self {
    case .pageUp: return ["\u{1B}[5~"]
    case .pageDown: return ["\u{1B}[6~"]
    case .help: return ["\u{1B}OP", "\u{1B}[11~", "\u{1B}[[A"]
    case .featureMaps: return ["\u{1B}OQ", "\u{1B}[12~", "\u{1B}[[B"]
    case .filters: return ["\u{1B}OR", "\u{1B}[13~", "\u{1B}[[C"]
    case .curve: return ["\u{1B}OS", "\u{1B}[14~", "\u{1B}[[D"]
    case .redraw: return ["\u{0C}"]
    }
  }

  /// The F1 help text for the keys.
  static let helpLines: [StyledLine] = [
    StyledLine("keys", style: .heading),
    "  Enter run    Tab complete    Up/Down history    Ctrl-R search history",
    "  Ctrl-C stop training / clear the line    Ctrl-D (empty line) quit",
    "  PgUp/PgDn or the mouse wheel scroll the notebook    Ctrl-L redraw",
    "  Shift-drag selects text while the wheel is on (cnnrepl --no-mouse: plain drag)",
    "  F1 this help    F2 feature maps    F3 filters    F4 curve (again: hide)",
  ]
}
