/// The title row of a pane: `── model ───────` (ASCII: `-- model -------`), `width` columns; a
/// title too long for the width ends in `…`.
public enum PaneTitle {
  public static func render(_ title: String, width: Int, charset: Charset) -> StyledLine {
    guard width > 0 else { return StyledLine("", style: .dim) }
    let rule: Character = charset == .unicode ? "─" : "-"
    let lead = String(repeating: rule, count: 2) + " "
    let room = width - TextWidth.columns(of: lead) - 1
    var text = title
    if TextWidth.columns(of: text) > room {
      text = room >= 2 ? TextWidth.prefix(title, columns: room - 1) + "…" : ""
    }
    let head = lead + text + " "
    let fill = max(0, width - TextWidth.columns(of: head))
    return StyledLine(head + String(repeating: rule, count: fill), style: .dim, fit: .cut)
      .truncated(width: width)
  }
}
