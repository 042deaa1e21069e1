import Rendering

/// Why the UI loop ended (the terminal is already restored when this is returned).
public enum TUIExitReason: Sendable, Equatable {
  /// `requestQuit()` was called (the `quit` command).
  case quit
  /// Ctrl-D on an empty line.
  case endOfInput
  /// SIGTERM, SIGHUP or SIGQUIT arrived; exit with status `128 + signal`.
  case signal(Int32)
}
