import Foundation

/// A journal left by a cnnrepl that ended without `quit` (its process is gone).
public struct LeftOverJournal: Sendable, Equatable {
  public var path: String
  /// Its commands, comments and blank lines dropped.
  public var commands: [String]
  /// The weights `--autosave` wrote beside it, if any.
  public var checkpoint: String?
  public var modified: Date

  public init(path: String, commands: [String], checkpoint: String?, modified: Date) {
    self.path = path
    self.commands = commands
    self.checkpoint = checkpoint
    self.modified = modified
  }
}
