/// The visual pane: a title row, then the picture for the current mode cut to the pane.
/// In `curve` mode without a picture it draws the training charts at full size.
public enum VisualPane {
  public static func render(
    mode: VisualMode, picture: VisualPicture?, training: TrainingDisplay?, width: Int,
    height: Int, depth: ColorDepth, charset: Charset, chartStyle: ChartStyle? = nil
  ) -> [PaneRow] {
    guard width > 0, height > 0 else { return [] }
    let title = picture.map { "\(mode.title): \($0.title)" } ?? mode.title
    var out: [PaneRow] = [.text(PaneTitle.render(title, width: width, charset: charset))]
    let room = height - 1
    guard room > 0 else { return out }
    switch picture {
    case .images(_, let images, let palette):
      let grid = ImageRenderer(depth: depth, palette: palette).grid(images, maxWidth: width)
      out += grid.prefix(room).map { .cells(Array($0.prefix(width))) }
    case .cells(_, let rows):
      out += rows.prefix(room).map { .cells(Array($0.prefix(width))) }
    case .lines(_, let lines):
      out += lines.prefix(room).map { .text($0.truncated(width: width)) }
    case nil:
      if mode == .curve {
        out += TrainingPane.render(
          training, width: width, height: room, charset: charset, title: false,
          chartStyle: chartStyle
        ).map { .text($0) }
      } else {
        out.append(.text(StyledLine("nothing to show yet", style: .dim).truncated(width: width)))
      }
    }
    return out
  }
}
