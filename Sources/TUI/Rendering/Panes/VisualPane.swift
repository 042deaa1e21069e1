/// The picture pane: a title row (cut with `…`), then the picture for the current mode, drawn
/// for the pane's width and scrolled by `scroll` rows (a grid of channels pages down this way);
/// when rows follow, the last row says how to reach them. In `curve` mode without a picture it
/// draws the training charts at full size. With `pixels` (kitty graphics), a picture of images
/// is kitty placeholder cells fitted into the pane instead (``PanePixels``).
public enum VisualPane {
  /// The picture's rows at `width`, before scrolling.
  public static func content(
    mode: VisualMode, picture: VisualPicture?, training: TrainingDisplay?, width: Int,
    height: Int, depth: ColorDepth, charset: Charset, chartStyle: ChartStyle? = nil,
    pixels: PanePixels? = nil
  ) -> [PaneRow] {
    if let rows = pixels?.rows(for: picture, width: width, height: height) {
      return rows.map { .cells($0) }
    }
    switch picture {
    case .images(_, let images, let palette):
      return ImageRenderer(depth: depth, palette: palette).grid(images, maxWidth: width)
        .map { .cells(Array($0.prefix(width))) }
    case .cells(_, let rows):
      return rows.map { .cells(Array($0.prefix(width))) }
    case .lines(_, let lines):
      return lines.map { .text($0.ellipsized(width: width)) }
    case nil:
      if mode == .curve {
        return TrainingPane.render(
          training, width: width, height: max(2, height), charset: charset, title: false,
          chartStyle: chartStyle
        ).map { .text($0) }
      }
      return [.text(StyledLine("nothing to show yet", style: .dim).ellipsized(width: width))]
    }
  }

  public static func render(
    mode: VisualMode, picture: VisualPicture?, training: TrainingDisplay?, width: Int,
    height: Int, depth: ColorDepth, charset: Charset, chartStyle: ChartStyle? = nil,
    scroll: Int = 0, pixels: PanePixels? = nil
  ) -> [PaneRow] {
    guard width > 0, height > 0 else { return [] }
    let title = picture.map { "\(mode.title): \($0.title)" } ?? mode.title
    var out: [PaneRow] = [.text(PaneTitle.render(title, width: width, charset: charset))]
    let room = height - 1
    guard room > 0 else { return out }
    let rows = content(
      mode: mode, picture: picture, training: training, width: width, height: room, depth: depth,
      charset: charset, chartStyle: chartStyle, pixels: pixels)
    let first = clampedScroll(scroll, rows: rows.count, room: room)
    let end = min(rows.count, first + room)
    out += rows[first..<end]
    if end < rows.count, room >= 2 {
      out.removeLast()
      let hint = "-- \(rows.count - end + 1) more rows: Shift-PgDn (Shift-PgUp back) --"
      out.append(.text(StyledLine(hint, style: .dim).ellipsized(width: width)))
    }
    return out
  }

  /// `scroll` kept within the rows (the last page ends at the last row).
  public static func clampedScroll(_ scroll: Int, rows: Int, room: Int) -> Int {
    max(0, min(scroll, rows - room))
  }
}
