/// The model summary pane: a title row, the caller's lines (table rows and totals, already
/// formatted), and the preview row for the line being typed at the bottom.
///
/// When the lines do not fit, the first line (the table header) stays and the newest rows are
/// shown under it.
public enum ModelPane {
  public static func render(
    lines: [StyledLine], preview: StyledLine?, width: Int, height: Int, charset: Charset
  ) -> [StyledLine] {
    guard width > 0, height > 0 else { return [] }
    var out = [PaneTitle.render("model", width: width, charset: charset)]
    let room = height - 1 - (preview == nil ? 0 : 1)
    if room > 0 {
      if lines.count <= room {
        out += lines
      } else if room == 1 {
        out += lines.suffix(1)
      } else {
        out += [lines[0]] + lines.suffix(room - 1)
      }
    }
    if let preview, height > 1 {
      out = Array(out.prefix(height - 1)) + [preview]
    }
    return out.map { $0.truncated(width: width) }
  }
}
