/// What running one script did.
public struct ScriptResult: Sendable, Hashable {
  /// Commands that ran (not counting blank and comment lines).
  public var commandsRun: Int
  /// Every error, with its location.
  public var errors: [ErrorReport]
  /// The script ran `quit`.
  public var quit: Bool

  public init(commandsRun: Int = 0, errors: [ErrorReport] = [], quit: Bool = false) {
    self.commandsRun = commandsRun
    self.errors = errors
    self.quit = quit
  }

  public var succeeded: Bool { errors.isEmpty }
}
