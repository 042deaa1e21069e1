/// What happened to one line given to ``Session/execute(_:location:)``.
public enum CommandOutcome: Sendable, Hashable {
  /// Blank or comment-only line.
  case empty
  case succeeded
  /// Refused; the session is unchanged and the error was reported.
  case failed(CommandError)
}
