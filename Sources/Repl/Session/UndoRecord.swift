import Core

/// What `undo` needs to take one model edit back: the input shape before it and only the rows
/// it changed, so the undo history grows with the rows edits touch, not with the model's size
/// (an append stores no row at all).
///
/// An edit turned the layer specs `before` into `after`; both share their first `keptAbove`
/// rows and their last `keptBelow` rows. The record keeps `before`'s middle rows and how many
/// rows `after` put in their place.
public struct UndoRecord: Sendable, Hashable {
  /// The input shape before the edit (nil: the model had no input).
  public var input: Shape?
  /// Rows both specs share at the top.
  public var keptAbove: Int
  /// The rows the edit replaced, removed or moved, as they were.
  public var replacedRows: [RowSpec]
  /// How many rows the edit put in their place.
  public var insertedCount: Int
  /// The command that made the edit (`undo` names it).
  public var changedBy: String

  /// The record of an edit from (`input`, `before`) to (`after`), named `changedBy`;
  /// `equalAbove` top rows are known to be the same in both (not compared again).
  public init(
    input: Shape?, before: [RowSpec], after: [RowSpec], changedBy: String, equalAbove: Int = 0
  ) {
    var above = max(0, min(equalAbove, before.count, after.count))
    let shorter = min(before.count, after.count)
    while above < shorter, before[above] == after[above] { above += 1 }
    var below = 0
    while below < shorter - above, before[before.count - 1 - below] == after[after.count - 1 - below]
    {
      below += 1
    }
    self.input = input
    keptAbove = above
    replacedRows = Array(before[above..<(before.count - below)])
    insertedCount = after.count - below - above
    self.changedBy = changedBy
  }

  /// The specs before the edit, given the specs after it.
  public func specs(before after: [RowSpec]) -> [RowSpec] {
    Array(after[..<keptAbove]) + replacedRows + Array(after[(keptAbove + insertedCount)...])
  }
}
