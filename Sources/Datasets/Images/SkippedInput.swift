/// A file of a folder (or a row of a CSV) that was left out of a data set, and why.
public struct SkippedInput: Hashable, Sendable, CustomStringConvertible {
  /// `cats/x.png` (relative to the folder) or `line 7`.
  public var name: String
  public var reason: String

  public init(name: String, reason: String) {
    self.name = name
    self.reason = reason
  }

  public var description: String { "\(name): \(reason)" }
}
