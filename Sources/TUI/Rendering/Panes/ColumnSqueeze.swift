/// Fits a block of column-aligned lines (a table, a bar chart, a matrix) into fewer columns
/// without breaking its alignment: the columns that are blank in every line of the block are
/// the gaps between its columns; when the block is wider than the pane, each gap is narrowed
/// to two blanks, then to one, in every line at once. What is still too wide is left for
/// ``StyledLine/shifted(by:width:)`` to cut (and scroll sideways).
public enum ColumnSqueeze {
  public static func fit(_ block: [StyledLine], width: Int) -> [StyledLine] {
    let widest = block.map(\.columns).max() ?? 0
    guard widest > width, width > 0 else { return block }
    var current = block
    for gap in [2, 1] {
      current = squeeze(block, gap: gap)
      if (current.map(\.columns).max() ?? 0) <= width { break }
    }
    return current
  }

  /// The block with every run of blank columns (blank in all its lines) longer than `gap`
  /// narrowed to `gap`; the indentation before the first column counts as a run too.
  static func squeeze(_ block: [StyledLine], gap: Int) -> [StyledLine] {
    let rows = block.map { line in line.spans.flatMap { span in span.text.map { (character: $0, style: span.style) } } }
    // Only single-column characters keep columns and characters in step.
    guard rows.allSatisfy({ $0.allSatisfy { TextWidth.columns(of: $0.character) == 1 } }) else {
      return block
    }
    let width = rows.map(\.count).max() ?? 0
    var blank = [Bool](repeating: true, count: width)
    for row in rows {
      for (x, cell) in row.enumerated() where cell.character != " " { blank[x] = false }
    }
    var keep = [Bool](repeating: true, count: width)
    var x = 0
    while x < width {
      guard blank[x] else {
        x += 1
        continue
      }
      var end = x
      while end < width, blank[end] { end += 1 }
      if end < width {  // a gap between columns (trailing blanks are trimmed below anyway)
        for drop in (x + gap)..<max(x + gap, end) { keep[drop] = false }
      }
      x = end
    }
    return zip(block, rows).map { line, row in
      var spans: [StyledSpan] = []
      for (index, cell) in row.enumerated() where keep[index] {
        if let last = spans.last, last.style == cell.style {
          spans[spans.count - 1].text.append(cell.character)
        } else {
          spans.append(StyledSpan(String(cell.character), style: cell.style))
        }
      }
      return StyledLine(spans: spans, fit: line.fit)
    }
  }
}
