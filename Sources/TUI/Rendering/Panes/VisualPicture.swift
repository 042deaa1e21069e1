/// A picture for the visual pane.
/// - `images`: small images drawn as a captioned grid by `ImageRenderer` with the screen's
///   colour depth (values, not pixels, so the TUI can pick half blocks or the ASCII ramp);
/// - `cells`: prerendered cells (from `ImageRenderer` or any other drawing);
/// - `lines`: text.
public enum VisualPicture: Sendable, Equatable {
  case images(title: String, images: [CaptionedImage], palette: Palette)
  case cells(title: String, rows: [[TerminalCell]])
  case lines(title: String, lines: [StyledLine])

  public var title: String {
    switch self {
    case .images(let title, _, _), .cells(let title, _), .lines(let title, _): return title
    }
  }
}
