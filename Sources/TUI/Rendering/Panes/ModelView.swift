/// What the model pane shows: the layer table (row 0 is the input), its totals, and the row
/// last added or edited, which the pane keeps in view.
public struct ModelView: Sendable, Equatable {
  public var table: TextTable
  public var totals: [String]
  /// Index into `table.rows` of the row last added or edited (nil: the last row).
  public var focus: Int?
  /// Shown instead of the table when it has no rows (how to start a model).
  public var emptyHint: String

  public init(table: TextTable, totals: [String] = [], focus: Int? = nil, emptyHint: String = "") {
    self.table = table
    self.totals = totals
    self.focus = focus
    self.emptyHint = emptyHint
  }

  /// Lines the pane would use to show everything (title, header, rows, totals).
  public var wantedRows: Int { table.rows.isEmpty ? 2 : 2 + table.rows.count + totals.count }
}
