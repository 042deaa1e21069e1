import Core

/// A value after parsing and validation against its ``ValueKind``.
public enum ArgumentValue: Sendable, Hashable {
  case integer(Int)
  case number(Double)
  case shape(Shape)
  /// A word from a choice list, or a word a `shape` kind accepts (`data`), lower-cased.
  case word(String)
  case padding(Padding)
  case path(String)
  case range(ClosedRange<Int>)
  /// The rest of the line, for `insert` and `replace`.
  case text(String)
  /// One or more row numbers (`add 1 3`).
  case integers([Int])
  /// Numbers separated by commas (`show kernel 0,1,0,1,-4,1,0,1,0`).
  case numbers([Double])
}
