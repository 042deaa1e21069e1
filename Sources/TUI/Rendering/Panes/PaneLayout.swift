/// Where each pane goes for a terminal size: a pure function of (columns, rows, ``PaneDemand``).
///
/// The last row is always the input line and the row above it the status line. Above them, the
/// body of `H = rows - 2` rows:
/// - wide (at least ``notebookColumns`` + ``sideColumns`` columns and 16 rows): the notebook on
///   the left keeps at least 80 columns; the side column (`min(cols - 80, max(40, 2·cols/5))`)
///   stacks the model pane, the training pane and the picture pane;
/// - stacked (anything smaller, from 20x5): full-width panes one above the other: the model
///   pane (or the picture pane when one is shown), the notebook, the training pane. The model
///   pane takes what it wants up to a quarter of the free rows plus one, and folds away below
///   14 free rows (its preview moves to the status line).
/// In both, the training pane takes one line while nothing trains and grows while a training
/// runs; panes that are hidden give their rows to the notebook.
/// - too small (< 20x5): a notice over the body, still with the input line, so `quit` works.
public struct PaneLayout: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case wide, stacked, tooSmall
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
  /// The notebook's width beside a side column: an 80-column table or picture never wraps.
  public static let notebookColumns = 80
  /// The narrowest side column.
  public static let sideColumns = 40

  public static func compute(columns: Int, rows: Int, demand: PaneDemand = PaneDemand())
    -> PaneLayout
  {
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
    if cols >= notebookColumns + sideColumns, body >= 14, demand.model || demand.visual {
      return wide(columns: cols, body: body, demand: demand, status: status, input: input)
    }
    return stacked(columns: cols, body: body, demand: demand, status: status, input: input)
  }

  /// Rows of the training pane in a column of `height` rows.
  static func trainingRows(_ demand: PaneDemand, height: Int) -> Int {
    guard demand.training, height >= 4 else { return 0 }
    guard demand.trainingActive else { return 1 }
    return min(14, max(4, height * 2 / 5), height - 2)
  }

  private static func wide(
    columns cols: Int, body: Int, demand: PaneDemand, status: Rect, input: Rect
  ) -> PaneLayout {
    let side = min(cols - notebookColumns, max(sideColumns, cols * 2 / 5))
    let left = cols - side
    let training = trainingRows(demand, height: body)
    let free = body - training
    let model: Int
    if !demand.model {
      model = 0
    } else if demand.visual {
      model = min(demand.modelRows, max(5, free / 2))
    } else {
      model = free
    }
    let visual = demand.visual ? free - model : 0
    func rect(_ y: Int, _ height: Int) -> Rect? {
      height > 0 ? Rect(x: left, y: y, width: side, height: height) : nil
    }
    return PaneLayout(
      kind: .wide, notebook: Rect(x: 0, y: 0, width: left, height: body),
      model: rect(0, model), training: rect(model + visual, training),
      visual: rect(model, visual), status: status, input: input)
  }

  private static func stacked(
    columns cols: Int, body: Int, demand: PaneDemand, status: Rect, input: Rect
  ) -> PaneLayout {
    let training = trainingRows(demand, height: body)
    let free = body - training
    var visual = 0
    var model = 0
    if demand.visual, free >= 3 {
      visual = min(max(2, demand.visualRows), max(4, free * 3 / 5), free - 1)
    } else if demand.model, free >= 14, !demand.visual {
      model = min(demand.modelRows, max(3, free / 4) + 1)
    }
    let top = visual + model
    func rect(_ y: Int, _ height: Int) -> Rect? {
      height > 0 ? Rect(x: 0, y: y, width: cols, height: height) : nil
    }
    return PaneLayout(
      kind: .stacked, notebook: rect(top, free - top), model: rect(0, model),
      training: rect(free, training), visual: rect(0, visual), status: status, input: input)
  }
}
