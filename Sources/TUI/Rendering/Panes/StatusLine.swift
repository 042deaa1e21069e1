/// The status line: the owner's fields joined by ` | ` on the left, key hints on the right
/// (dropped first when space runs out). A `preview` (the model pane's row, when that pane is
/// folded away) replaces the fields.
public enum StatusLine {
  public static let hints = "F1 help F2-F4 view"

  public static func render(
    _ fields: StatusFields, preview: StyledLine?, width: Int, charset: Charset
  ) -> StyledLine {
    guard width > 0 else { return StyledLine("") }
    let separator = charset == .unicode ? " │ " : " | "
    let left: StyledLine
    if let preview {
      left = preview
    } else {
      let parts = [fields.dataset, fields.model, fields.training, fields.message].filter {
        !$0.isEmpty
      }
      left = StyledLine(parts.joined(separator: separator))
    }
    let room = width - left.columns - 1
    if room >= hints.count {
      let pad = String(repeating: " ", count: room - hints.count + 1)
      return StyledLine(spans: left.spans + [StyledSpan(pad), StyledSpan(hints, style: .dim)])
    }
    return left.truncated(width: width)
  }
}
