/// The title row of a pane: `── model ───────` (ASCII: `-- model -------`), `width` columns.
public enum PaneTitle {
  public static func render(_ title: String, width: Int, charset: Charset) -> StyledLine {
    let rule: Character = charset == .unicode ? "─" : "-"
    let head = String(repeating: rule, count: 2) + " " + title + " "
    let fill = max(0, width - TextWidth.columns(of: head))
    return StyledLine(head + String(repeating: rule, count: fill), style: .dim)
      .truncated(width: width)
  }
}
