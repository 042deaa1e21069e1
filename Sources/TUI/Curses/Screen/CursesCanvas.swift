import Rendering
import CNcursesw

/// Draws pane rows into ncurses windows: styles become attributes and colour pairs, picture
/// cells get a pair per (foreground, background). UI thread only.
///
/// With colour depth `none` nothing but plain characters is written (`--color never` output
/// carries no escape codes).
final class CursesCanvas {
  typealias Window = UnsafeMutablePointer<WINDOW>

  let depth: ColorDepth
  private var pairs: [Int32: Int16] = [:]
  private var nextPair: Int32 = 16
  private let maximumPair: Int32

  /// Starts colour when `requested` allows it and the terminal has it; `depth` is what is used.
  init(requested: ColorDepth) {
    guard requested >= .basic, has_colors() else {
      depth = .none
      maximumPair = 0
      return
    }
    start_color()
    _ = use_default_colors()
    let colors = cnn_COLORS()
    depth = requested >= .ansi256 && colors >= 256 ? .ansi256 : .basic
    maximumPair = min(32_767, cnn_COLOR_PAIRS()) - 1
    init_pair(1, Int16(COLOR_RED), -1)
    init_pair(2, Int16(COLOR_GREEN), -1)
    init_pair(3, Int16(COLOR_CYAN), -1)
    init_pair(4, Int16(COLOR_YELLOW), -1)
  }

  private func look(_ style: TextStyle) -> (attr_t, Int16) {
    guard depth != .none else { return (cnn_A_NORMAL(), 0) }
    switch style {
    case .plain: return (cnn_A_NORMAL(), 0)
    case .bold, .heading: return (cnn_A_BOLD(), 0)
    case .dim: return (cnn_A_DIM(), 0)
    case .error: return (cnn_A_BOLD(), 1)
    case .success: return (cnn_A_NORMAL(), 2)
    case .accent: return (cnn_A_NORMAL(), 3)
    case .warning: return (cnn_A_NORMAL(), 4)
    }
  }

  private func pair(_ fg: CellColor?, _ bg: CellColor?) -> Int16 {
    guard depth >= .ansi256, fg != nil || bg != nil else { return 0 }
    let f = fg.map { Int32($0.index256) } ?? -1
    let b = bg.map { Int32($0.index256) } ?? -1
    let key = (f + 1) << 16 | (b + 1)
    if let p = pairs[key] { return p }
    if nextPair > maximumPair {
      pairs.removeAll()
      nextPair = 16
    }
    let p = Int16(nextPair)
    nextPair += 1
    init_pair(p, Int16(f), Int16(b))
    pairs[key] = p
    return p
  }

  /// Erases `window` and draws `rows` from its top-left corner, each cut to the window width.
  func draw(_ rows: [PaneRow], in window: Window) {
    werase(window)
    var height: Int32 = 0
    var width: Int32 = 0
    cnn_getmaxyx(window, &height, &width)
    for (y, row) in rows.prefix(Int(height)).enumerated() {
      wmove(window, Int32(y), 0)
      switch row {
      case .text(let line):
        for span in line.truncated(width: Int(width)).spans {
          let (attr, p) = look(span.style)
          wattr_set(window, attr, p, nil)
          waddstr(window, span.text)
        }
      case .cells(let cells):
        var used = 0
        for cell in cells {
          let w = TextWidth.columns(of: cell.character)
          guard used + w <= Int(width) else { break }
          wattr_set(window, cnn_A_NORMAL(), pair(cell.foreground, cell.background), nil)
          waddstr(window, String(cell.character))
          used += w
        }
      }
      wattr_set(window, cnn_A_NORMAL(), 0, nil)
    }
  }
}
