/// One cell of the session notebook: a command (or comment) and what it printed.
public struct TranscriptEntry: Sendable, Equatable {
  public enum Kind: Sendable, Hashable {
    /// A command line as typed (comment stripped).
    case command(String)
    /// A `#` comment line, kept as the notebook's prose.
    case comment(String)
  }

  public var kind: Kind
  public var events: [SessionEvent]

  public init(kind: Kind, events: [SessionEvent] = []) {
    self.kind = kind
    self.events = events
  }
}
