import ModelFiles

extension InteropError {
  /// The same as a ``CommandError`` of `command`.
  func refusal(_ command: String) -> CommandError {
    .refused(command: command, problem: problem, hint: hint)
  }
}
