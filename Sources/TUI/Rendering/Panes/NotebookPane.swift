/// The scrollable transcript: cells wrapped to the pane width, the newest at the bottom.
///
/// `scroll` counts lines hidden below the view (0 = follow the newest output). A transient
/// `footer` (the Tab-completion match list) is drawn over the last rows.
public struct NotebookPane: Sendable, Equatable {
  public var cells: [NotebookCell] = []
  public var scroll = 0
  public var footer: [StyledLine] = []
  /// Cells beyond this many are dropped from the top.
  public var maximumCells = 2_000

  public init(cells: [NotebookCell] = []) { self.cells = cells }

  public mutating func append(_ cell: NotebookCell) {
    cells.append(cell)
    if cells.count > maximumCells { cells.removeFirst(cells.count - maximumCells) }
  }

  /// Appends output lines to the cell numbered `number` (or the last cell if there is none).
  public mutating func appendOutput(_ lines: [StyledLine], toCell number: Int?) {
    if let number, let i = cells.lastIndex(where: { $0.number == number }) {
      cells[i].output += lines
    } else if !cells.isEmpty {
      cells[cells.count - 1].output += lines
    } else {
      append(NotebookCell(number: nil, command: "", output: lines))
    }
  }

  func allLines(width: Int) -> [StyledLine] {
    cells.flatMap { cell in cell.lines.flatMap { $0.wrapped(width: width) } }
  }

  /// Scrolls by `lines` (positive = towards older output), clamped to the content.
  public mutating func scroll(by lines: Int, width: Int, height: Int) {
    let total = allLines(width: width).count
    scroll = min(max(0, total - height), max(0, scroll + lines))
  }

  public func render(width: Int, height: Int) -> [StyledLine] {
    guard width > 0, height > 0 else { return [] }
    let all = allLines(width: width)
    let end = max(0, all.count - scroll)
    var view = Array(all[max(0, end - height)..<end])
    if scroll > 0 {
      let hint = StyledLine("-- \(scroll) newer lines below: PgDn --", style: .dim)
      view = Array(view.suffix(height - 1)) + [hint.truncated(width: width)]
    }
    if !footer.isEmpty {
      let shown = Array(footer.flatMap { $0.wrapped(width: width) }.suffix(height))
      view = Array(view.prefix(max(0, min(view.count, height - shown.count)))) + shown
    }
    return view
  }
}
