/// What the panes would like, for ``PaneLayout/compute(columns:rows:demand:)``: which are shown
/// and how many rows their content wants.
public struct PaneDemand: Sendable, Equatable {
  /// The model pane is wanted (F5 and `pane model` toggle it).
  public var model: Bool
  /// Rows the model pane's content wants (title, header, rows, totals).
  public var modelRows: Int
  /// The training pane is wanted (F6 and `pane training` toggle it).
  public var training: Bool
  /// A training is running: its pane grows from one line to a chart.
  public var trainingActive: Bool
  /// The picture pane is shown (a picture command, F2-F4).
  public var visual: Bool
  /// Rows the picture wants (title included).
  public var visualRows: Int

  public init(
    model: Bool = true, modelRows: Int = 8, training: Bool = true, trainingActive: Bool = false,
    visual: Bool = false, visualRows: Int = 12
  ) {
    self.model = model
    self.modelRows = modelRows
    self.training = training
    self.trainingActive = trainingActive
    self.visual = visual
    self.visualRows = visualRows
  }
}
