import Foundation

/// The scrollable transcript: cells fitted to the pane width (prose wrapped at words, table and
/// picture rows cut, see ``LineFit``), the newest at the bottom.
///
/// While following (`top == nil`) the view shows the newest lines, but never scrolls the first
/// line of the newest cell out of view: a cell taller than the pane shows its top, and the last
/// row says how many lines follow. PgUp/PgDn (``scroll(by:width:height:)``) reach every line,
/// ``jump(cells:width:height:)`` goes to the previous or next cell's first line; a new cell
/// returns to following. A transient `footer` (the Tab-completion match list) is drawn over the
/// last rows.
public struct NotebookPane: Sendable, Equatable {
  public private(set) var cells: [NotebookCell] = [] {
    didSet { cache = LayoutCache() }
  }
  /// The first line shown, in the lines of the last layout; nil: following the newest cell.
  public var top: Int?
  public var footer: [StyledLine] = []
  /// Columns the cut lines (tables, pictures) are scrolled to the left (Alt-Right).
  public var shift = 0 {
    didSet { cache = LayoutCache() }
  }
  /// The layout at the last width asked for; a new one with every change of `cells` or
  /// `shift`, so copies of a pane never share a stale layout.
  private var cache = LayoutCache()
  /// Cells beyond this many are dropped from the top.
  public var maximumCells = 2_000

  public init(cells: [NotebookCell] = []) { self.cells = cells }

  public mutating func append(_ cell: NotebookCell) {
    cells.append(cell)
    if cells.count > maximumCells { cells.removeFirst(cells.count - maximumCells) }
    top = nil
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

  /// Every line at `width`, and the index of each cell's first line.
  public struct Layout: Sendable, Equatable {
    public var lines: [StyledLine]
    public var cellStarts: [Int]
  }

  public static func == (a: NotebookPane, b: NotebookPane) -> Bool {
    a.cells == b.cells && a.top == b.top && a.footer == b.footer && a.shift == b.shift
      && a.maximumCells == b.maximumCells
  }

  /// Every line at `width`, laid out once per change of the cells (a redraw, a page or a
  /// wheel notch reuses it).
  public func layout(width: Int) -> Layout {
    if let cached = cache.layout(width: width) { return cached }
    let laid = freshLayout(width: width)
    cache.store(laid, width: width)
    return laid
  }

  private func freshLayout(width: Int) -> Layout {
    var lines: [StyledLine] = []
    var starts: [Int] = []
    for cell in cells {
      starts.append(lines.count)
      for block in Self.blocks(cell.lines) {
        if block.first?.fit == .cut {
          lines += ColumnSqueeze.fit(block, width: width).map { $0.shifted(by: shift, width: width) }
        } else {
          for line in block { lines += line.fitted(width: width) }
        }
      }
    }
    return Layout(lines: lines, cellStarts: starts)
  }

  /// Runs of consecutive lines with the same fit (a table is a run of `.cut` lines).
  static func blocks(_ lines: [StyledLine]) -> [[StyledLine]] {
    var blocks: [[StyledLine]] = []
    for line in lines {
      if let last = blocks.last?.last, last.fit == line.fit {
        blocks[blocks.count - 1].append(line)
      } else {
        blocks.append([line])
      }
    }
    return blocks
  }

  /// The widest cut line of the notebook at `width` (after squeezing), for the horizontal
  /// scroll's limit.
  public func widestCutLine(width: Int) -> Int {
    cells.flatMap { cell in
      Self.blocks(cell.lines).filter { $0.first?.fit == .cut }.flatMap {
        ColumnSqueeze.fit($0, width: width)
      }
    }.map(\.columns).max() ?? 0
  }

  /// Scrolls the cut lines sideways by `columns` (positive: show what is cut at the right).
  public mutating func shift(by columns: Int, width: Int) {
    let widest = widestCutLine(width: width)
    shift = max(0, min(shift + columns, widest - width))
  }

  /// The first line shown while following: the bottom, unless the newest numbered cell's
  /// first line would be above the view (notes after it, such as a demo's comments for the
  /// next step, never push a command's output out of view). A note that ``NotebookCell/keepsInView``
  /// (a question) anchors the view as a numbered cell does.
  func followTop(_ layout: Layout, height: Int) -> Int {
    let bottom = max(0, layout.lines.count - height)
    let anchor = cells.lastIndex { $0.number != nil || $0.keepsInView } ?? (cells.count - 1)
    let start = anchor >= 0 && anchor < layout.cellStarts.count ? layout.cellStarts[anchor] : 0
    return min(bottom, start)
  }

  private func currentTop(_ layout: Layout, height: Int) -> Int {
    let bottom = max(0, layout.lines.count - height)
    return min(bottom, max(0, top ?? followTop(layout, height: height)))
  }

  private mutating func setTop(_ line: Int, _ layout: Layout, height: Int) {
    let clamped = min(max(0, layout.lines.count - height), max(0, line))
    top = clamped == followTop(layout, height: height) ? nil : clamped
  }

  /// Scrolls by `lines` (positive = towards older output), clamped to the content.
  public mutating func scroll(by lines: Int, width: Int, height: Int) {
    let laid = layout(width: width)
    setTop(currentTop(laid, height: height) - lines, laid, height: height)
  }

  /// Moves the view to the first line of the cell `cells` cells after (positive) or before
  /// (negative) the one at the top of the view.
  public mutating func jump(cells count: Int, width: Int, height: Int) {
    let laid = layout(width: width)
    let current = currentTop(laid, height: height)
    let starts = laid.cellStarts
    var target = current
    if count < 0 {
      let before = starts.filter { $0 < current }
      target = before.count >= -count ? before[before.count + count] : 0
    } else if count > 0 {
      let after = starts.filter { $0 > current }
      target = after.count >= count ? after[count - 1] : laid.lines.count
    }
    setTop(target, laid, height: height)
  }

  public func render(width: Int, height: Int) -> [StyledLine] {
    guard width > 0, height > 0 else { return [] }
    let laid = layout(width: width)
    let first = currentTop(laid, height: height)
    let end = min(laid.lines.count, first + height)
    var view = Array(laid.lines[first..<end])
    let below = laid.lines.count - end
    if below > 0, height >= 2 {
      let inCell = top == nil && first == followTop(laid, height: height)
      let what = inCell ? "of this cell" : "below"
      let hint = StyledLine(
        "-- \(below + 1) more lines \(what): PgDn, Ctrl-Down next cell --", style: .dim)
      view = Array(view.prefix(height - 1)) + [hint.ellipsized(width: width)]
    }
    if !footer.isEmpty {
      let shown = Array(footer.flatMap { $0.wrapped(width: width) }.suffix(height))
      view = Array(view.prefix(max(0, min(view.count, height - shown.count)))) + shown
    }
    return view
  }
}

/// The last layout of a ``NotebookPane`` and its width. Copies of an unchanged pane share it;
/// a change gives the changed copy a new, empty one.
private final class LayoutCache: @unchecked Sendable {
  private let lock = NSLock()
  private var width: Int?
  private var value: NotebookPane.Layout?

  func layout(width: Int) -> NotebookPane.Layout? {
    lock.lock()
    defer { lock.unlock() }
    return self.width == width ? value : nil
  }

  func store(_ layout: NotebookPane.Layout, width: Int) {
    lock.lock()
    self.width = width
    value = layout
    lock.unlock()
  }
}
