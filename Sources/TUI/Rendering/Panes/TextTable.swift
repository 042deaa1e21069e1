/// A table of text cells laid out for the width it is given: columns as wide as their widest
/// cell, two spaces apart; when the table is too wide, columns with a `dropOrder` are left out,
/// lowest first, before the flexible column (`flexible`) is shortened with `…`. A row is never
/// wrapped, so no number is ever split across two lines.
public struct TextTable: Sendable, Equatable {
  public struct Column: Sendable, Equatable {
    public var title: String
    public var rightAligned: Bool
    /// Columns are dropped in increasing order of this when the table does not fit; nil: kept.
    public var dropOrder: Int?

    public init(_ title: String, rightAligned: Bool = false, dropOrder: Int? = nil) {
      self.title = title
      self.rightAligned = rightAligned
      self.dropOrder = dropOrder
    }
  }

  public var columns: [Column]
  public var rows: [[String]]
  /// The column that gives up width (with `…`) once droppable columns are gone.
  public var flexible: Int?

  public init(columns: [Column], rows: [[String]], flexible: Int? = nil) {
    self.columns = columns
    self.rows = rows
    self.flexible = flexible
  }

  /// The laid-out table: the header line, one line per row, and the titles of the columns left
  /// out for lack of width.
  public struct Layout: Sendable, Equatable {
    public var header: String
    public var rows: [String]
    public var dropped: [String]
  }

  static let gap = 2

  public func layout(width: Int) -> Layout {
    var widths = columns.indices.map { c in
      rows.reduce(TextWidth.columns(of: columns[c].title)) { widest, row in
        c < row.count ? max(widest, TextWidth.columns(of: row[c])) : widest
      }
    }
    var shown = Array(columns.indices)
    func total() -> Int {
      shown.reduce(0) { $0 + widths[$1] } + Self.gap * max(0, shown.count - 1)
    }
    let droppable = columns.indices.filter { columns[$0].dropOrder != nil }
      .sorted { (columns[$0].dropOrder ?? 0) < (columns[$1].dropOrder ?? 0) }
    var dropped: [Int] = []
    for column in droppable where total() > width {
      shown.removeAll { $0 == column }
      dropped.append(column)
    }
    if let flexible, shown.contains(flexible), total() > width {
      widths[flexible] = max(3, widths[flexible] - (total() - width))
    }
    func line(_ cells: [String]) -> String {
      shown.map { c in
        let text = c < cells.count ? cells[c] : ""
        let fitted =
          TextWidth.columns(of: text) > widths[c]
          ? TextWidth.prefix(text, columns: widths[c] - 1) + "…" : text
        let pad = String(repeating: " ", count: max(0, widths[c] - TextWidth.columns(of: fitted)))
        return columns[c].rightAligned ? pad + fitted : fitted + pad
      }.joined(separator: String(repeating: " ", count: Self.gap))
    }
    func trimmed(_ text: String) -> String {
      String(text.reversed().drop { $0 == " " }.reversed())
    }
    return Layout(
      header: trimmed(line(columns.map(\.title))), rows: rows.map { trimmed(line($0)) },
      dropped: dropped.sorted().map { columns[$0].title })
  }
}
