import Rendering

/// Why the full-screen UI could not start.
public enum TUIError: Error, Equatable, CustomStringConvertible {
  case notATerminal
  case alreadyRunning
  case cursesFailed

  public var description: String {
    switch self {
    case .notATerminal:
      return "the full-screen UI needs a terminal on stdin and stdout; use --plain or a script"
    case .alreadyRunning: return "the full-screen UI is already running; start it once"
    case .cursesFailed: return "ncurses could not start on this terminal; check TERM or use --plain"
    }
  }
}
