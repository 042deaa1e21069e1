/// Where each pane goes for a terminal size: a pure function of (columns, rows, visual shown).
///
/// The last row is always the input line and the row above it the status line (when there are
/// at least 2 rows). Above them, the body of `H = rows - 2` rows:
/// - wide (≥ 120x24): notebook on the left; on the right (`min(cols-40, max(60, 2·cols/5))`
///   columns) model `3H/10`, training `3H/10`, visual the rest. The visual pane is always shown.
/// - medium (≥ 80x24): model `min(8, H/3)` rows on top, notebook, training 5 rows at the bottom;
///   a shown visual pane covers the model and notebook rows.
/// - small (≥ 20x5): the model pane folds away (its preview goes to the status line); notebook,
///   then one progress row when `H ≥ 4`; a shown visual pane takes the notebook's place.
/// - too small (< 20x5): a notice over the body, still with the input line, so `quit` works.
public struct PaneLayout: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case wide, medium, small, tooSmall
  }

  public var kind: Kind
  public var notebook: Rect?
  public var model: Rect?
  public var training: Rect?
  public var visual: Rect?
  public var status: Rect?
  public var input: Rect?
  /// The "terminal too small" notice (only for `.tooSmall`).
  public var notice: Rect?

  public init(
    kind: Kind, notebook: Rect? = nil, model: Rect? = nil, training: Rect? = nil,
    visual: Rect? = nil, status: Rect? = nil, input: Rect? = nil, notice: Rect? = nil
  ) {
    self.kind = kind
    self.notebook = notebook
    self.model = model
    self.training = training
    self.visual = visual
    self.status = status
    self.input = input
    self.notice = notice
  }

  public static let minimumColumns = 20
  public static let minimumRows = 5

  public static func compute(columns: Int, rows: Int, showVisual: Bool = false) -> PaneLayout {
    let cols = max(0, columns)
    let rows = max(0, rows)
    guard cols > 0, rows > 0 else { return PaneLayout(kind: .tooSmall) }
    let input = Rect(x: 0, y: rows - 1, width: cols, height: 1)
    guard cols >= minimumColumns, rows >= minimumRows else {
      let notice = rows >= 2 ? Rect(x: 0, y: 0, width: cols, height: rows - 1) : nil
      return PaneLayout(kind: .tooSmall, input: input, notice: notice)
    }
    let status = Rect(x: 0, y: rows - 2, width: cols, height: 1)
    let body = rows - 2
    if cols >= 120 && rows >= 24 {
      let right = min(cols - 40, max(60, cols * 2 / 5))
      let left = cols - right
      let modelRows = body * 3 / 10
      let trainingRows = body * 3 / 10
      return PaneLayout(
        kind: .wide,
        notebook: Rect(x: 0, y: 0, width: left, height: body),
        model: Rect(x: left, y: 0, width: right, height: modelRows),
        training: Rect(x: left, y: modelRows, width: right, height: trainingRows),
        visual: Rect(
          x: left, y: modelRows + trainingRows, width: right,
          height: body - modelRows - trainingRows),
        status: status, input: input)
    }
    if cols >= 80 && rows >= 24 {
      let modelRows = min(8, body / 3)
      let trainingRows = 5
      let notebookRows = body - modelRows - trainingRows
      let training = Rect(x: 0, y: body - trainingRows, width: cols, height: trainingRows)
      if showVisual {
        return PaneLayout(
          kind: .medium, training: training,
          visual: Rect(x: 0, y: 0, width: cols, height: modelRows + notebookRows),
          status: status, input: input)
      }
      return PaneLayout(
        kind: .medium,
        notebook: Rect(x: 0, y: modelRows, width: cols, height: notebookRows),
        model: Rect(x: 0, y: 0, width: cols, height: modelRows),
        training: training, status: status, input: input)
    }
    let trainingRows = body >= 4 ? 1 : 0
    let main = Rect(x: 0, y: 0, width: cols, height: body - trainingRows)
    return PaneLayout(
      kind: .small,
      notebook: showVisual ? nil : main,
      training: trainingRows > 0
        ? Rect(x: 0, y: body - trainingRows, width: cols, height: trainingRows) : nil,
      visual: showVisual ? main : nil,
      status: status, input: input)
  }
}
