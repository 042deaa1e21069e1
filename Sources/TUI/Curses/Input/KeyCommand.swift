import Rendering
import Foundation

/// The UI's own keys, bound in readline's keymap (keypad is off, so they arrive as escape
/// sequences and go through the same input path as everything else). The F1 help lists them
/// from here, so the bindings and their help cannot disagree.
enum KeyCommand: CaseIterable {
  case pageUp, pageDown, previousCell, nextCell, shiftLeft, shiftRight, pictureUp, pictureDown
  case help, featureMaps, filters, curve, toggleModel, toggleTraining, redraw

  /// The escape sequences for xterm, tmux/screen, the Linux console and rxvt.
  var sequences: [String] {
    switch self {
    case .pageUp: return ["\u{1B}[5~"]
    case .pageDown: return ["\u{1B}[6~"]
    case .previousCell: return ["\u{1B}[1;5A", "\u{1B}[1;3A", "\u{1B}\u{1B}[A", "\u{1B}Oa"]
    case .nextCell: return ["\u{1B}[1;5B", "\u{1B}[1;3B", "\u{1B}\u{1B}[B", "\u{1B}Ob"]
    case .shiftLeft: return ["\u{1B}[1;3D", "\u{1B}\u{1B}[D"]
    case .shiftRight: return ["\u{1B}[1;3C", "\u{1B}\u{1B}[C"]
    case .pictureUp: return ["\u{1B}[5;2~", "\u{1B}[5;3~", "\u{1B}[5$"]
    case .pictureDown: return ["\u{1B}[6;2~", "\u{1B}[6;3~", "\u{1B}[6$"]
    case .help: return ["\u{1B}OP", "\u{1B}[11~", "\u{1B}[[A"]
    case .featureMaps: return ["\u{1B}OQ", "\u{1B}[12~", "\u{1B}[[B"]
    case .filters: return ["\u{1B}OR", "\u{1B}[13~", "\u{1B}[[C"]
    case .curve: return ["\u{1B}OS", "\u{1B}[14~", "\u{1B}[[D"]
    case .toggleModel: return ["\u{1B}[15~", "\u{1B}[[E"]
    case .toggleTraining: return ["\u{1B}[17~"]
    case .redraw: return ["\u{0C}"]
    }
  }

  /// The keys as the help names them, and what they do.
  var help: (keys: String, action: String) {
    switch self {
    case .pageUp: return ("PgUp", "scroll the notebook up a page (the help, while it is open)")
    case .pageDown: return ("PgDn", "scroll the notebook down a page")
    case .previousCell: return ("Ctrl-Up / Alt-Up", "jump to the previous cell's first line")
    case .nextCell: return ("Ctrl-Down / Alt-Down", "jump to the next cell's first line")
    case .shiftLeft: return ("Alt-Left", "scroll tables and pictures cut with … back to the left")
    case .shiftRight: return ("Alt-Right", "scroll tables and pictures cut with … to see their right")
    case .pictureUp: return ("Shift-PgUp / Alt-PgUp", "scroll the picture pane up")
    case .pictureDown: return ("Shift-PgDn / Alt-PgDn", "scroll the picture pane down (more channels)")
    case .help: return ("F1", "this help (again: close)")
    case .featureMaps: return ("F2", "picture pane: feature maps (again: hide)")
    case .filters: return ("F3", "picture pane: filters (again: hide)")
    case .curve: return ("F4", "picture pane: the training curve at full size (again: hide)")
    case .toggleModel: return ("F5", "hide or show the model pane (also `pane model`)")
    case .toggleTraining: return ("F6", "hide or show the training pane (also `pane training`)")
    case .redraw: return ("Ctrl-L", "redraw the screen")
    }
  }

  /// Readline's own keys, which the help lists before the UI's.
  static let lineKeys: [(keys: String, action: String)] = [
    ("Enter", "run the line"),
    ("Tab", "complete a command, option or file name (twice: list the candidates)"),
    ("Up / Down", "previous / next line of the history"),
    ("Ctrl-R", "search the history"),
    ("Ctrl-A / Ctrl-E", "start / end of the line"),
    ("Ctrl-C", "stop the training; otherwise clear the line"),
    ("Ctrl-D", "on an empty line: quit (a running training is stopped first)"),
    ("mouse wheel", "scroll the notebook (Shift-drag selects text; --no-mouse: plain drag)"),
  ]

  /// The F1 help text for the keys, one key per line.
  static var helpLines: [StyledLine] {
    let all = lineKeys + allCases.map(\.help)
    let width = all.map(\.keys.count).max() ?? 10
    return [StyledLine("keys", style: .heading)]
      + all.map { entry in
        StyledLine(
          spans: [
            StyledSpan("  " + entry.keys.padding(toLength: width, withPad: " ", startingAt: 0), style: .bold),
            StyledSpan("  " + entry.action),
          ])
      } + [""]
  }
}
