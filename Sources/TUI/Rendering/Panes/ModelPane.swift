/// The model pane: a title row, the table header, the rows around the focused one (the row
/// last added or edited, in bold), the totals, and the preview row for the line being typed.
///
/// The table is laid out for the pane's width (``TextTable``): columns that do not fit are left
/// out and named in the title, never cut inside a number. When the rows do not fit, the title
/// says which are shown (`rows 3-7 of 12`).
public enum ModelPane {
  public static func render(
    _ view: ModelView, preview: StyledLine?, width: Int, height: Int, charset: Charset
  ) -> [StyledLine] {
    guard width > 0, height > 0 else { return [] }
    let previewRows = preview == nil || height < 2 ? 0 : 1
    guard !view.table.rows.isEmpty else {
      var out = [PaneTitle.render("model", width: width, charset: charset)]
      if height - previewRows > 1 { out.append(StyledLine(view.emptyHint, style: .dim)) }
      if let preview, previewRows > 0 { out.append(preview) }
      return Array(out.prefix(height)).map { $0.ellipsized(width: width) }
    }
    let layout = view.table.layout(width: width)
    let totals = Array(view.totals.prefix(height >= 5 ? 1 : 0))
    let room = max(0, height - 2 - totals.count - previewRows)
    let count = layout.rows.count
    let focus = min(count - 1, max(0, view.focus ?? count - 1))
    let shown = window(count: count, focus: focus, room: room)
    var title = "model"
    if shown.count < count, !shown.isEmpty {
      title += " rows \(shown.lowerBound)-\(shown.upperBound - 1) of \(count)"
    }
    if !layout.dropped.isEmpty { title += " (no \(layout.dropped.joined(separator: ", ")))" }
    var out = [PaneTitle.render(title, width: width, charset: charset)]
    if height > 1 { out.append(StyledLine(layout.header, style: .dim, fit: .cut)) }
    for index in shown {
      out.append(StyledLine(layout.rows[index], style: index == focus ? .bold : .plain, fit: .cut))
    }
    out += totals.map { StyledLine($0, style: .dim, fit: .cut) }
    if let preview, previewRows > 0 { out.append(preview) }
    return Array(out.prefix(height)).map { $0.ellipsized(width: width) }
  }

  /// `room` consecutive rows of `count` that hold `focus`, as many after it as before it
  /// (the rows after the focus are what an `insert` or `replace` affects next).
  static func window(count: Int, focus: Int, room: Int) -> Range<Int> {
    guard room > 0, count > 0 else { return 0..<0 }
    guard count > room else { return 0..<count }
    let start = min(count - room, max(0, focus - (room - 1) / 2))
    return start..<(start + room)
  }
}
