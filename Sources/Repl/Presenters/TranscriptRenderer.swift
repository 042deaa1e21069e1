import Core
import Rendering
import Foundation

/// Session events as plain text lines: what line mode and `cnnrepl run` print, what golden
/// transcripts hold and what `export transcript` puts inside fenced blocks.
public enum TranscriptRenderer {
  public static func lines(for event: SessionEvent) -> [String] {
    switch event {
    case .echo(let line): [line]
    case .text(let lines): lines
    case .chart(let figure): figure.lines
    case .summaryRow(let row):
      (row.index == 0 ? [SummaryTable.header] : []) + SummaryTable.rows(row)
    case .summary(let summary): SummaryTable.render(summary)
    case .error(let report): [report.description]
    case .picture(let picture, _): pictureLines(picture, renderer: ImageRenderer(depth: .none))
    case .pane(let pane, _): ["pane \(pane.rawValue): only the full-screen notebook has panes"]
    case .follow: []
    case .graphics(let choice): [Self.graphicsLine(choice)]
    }
  }

  /// A picture as text lines of at most `width` columns: its title, then the images (ASCII ramp
  /// without colour, half blocks with it), captions under each.
  public static func pictureLines(
    _ picture: VisualPicture, renderer: ImageRenderer, width: Int = 80
  ) -> [String] {
    switch picture {
    case let .images(title, images, palette):
      var r = renderer
      r.palette = palette
      return [title] + r.gridLines(images, maxWidth: width)
    case let .cells(title, rows):
      return [title] + rows.map { row in String(row.map(\.character)) }
    case let .lines(title, lines):
      return [title] + lines.map(\.text)
    }
  }

  /// What `set graphics=…` says: `pictures: kitty graphics`, `pictures: text`, `pictures: auto
  /// (…)`.
  public static func graphicsLine(_ choice: GraphicsChoice) -> String {
    switch choice {
    case .auto: "pictures: as the terminal can show them (asked at start)"
    case .text: "pictures: text"
    case .kitty: "pictures: kitty graphics"
    case .sixel: "pictures: sixel"
    case .iterm: "pictures: iTerm2 inline images"
    }
  }

  /// Script lines as echoed in a transcript: commands after `> `, comments and blanks as-is.
  public static func echo(_ line: String) -> String {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed.hasPrefix("#") { return trimmed }
    return "> " + trimmed
  }
}
