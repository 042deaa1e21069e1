/// Where a script line came from, for `FILE:LINE: error: …`.
public struct ScriptLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file as the user named it (not made absolute, so transcripts do not depend on the
  /// current folder).
  public var file: String
  /// 1-based line number.
  public var line: Int

  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }

  public var description: String { "\(file):\(line)" }
}
