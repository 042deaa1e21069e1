import Core
import Rendering
import Repl
import TUI

/// Turns session events into notebook cells and panes of the full-screen UI.
///
/// Each command gets a cell `[n] command` (``beginCell(_:)``, or a script's `> cmd` echo);
/// its text, summary rows and errors (styled `.error`) are added to that cell. Prose wraps at
/// word boundaries; summary rows, and text lines laid out in columns (see ``fit(of:)``), are
/// marked `.cut` so they never wrap. A picture goes to the picture pane (mode by the command:
/// `show filters` → filters, `show curve` → curve, anything else → feature maps), drawn for the
/// pane's width; its cell keeps the command's text (legend, bars, numbers) and one line naming
/// the picture.
///
/// Confinement: used on the session's queue only; it talks to the UI through ``TUIApp``'s
/// thread-safe pushes.
public final class TUIPresenter: Presenter {
  public let app: TUIApp
  /// The number of the newest cell (0 before the first).
  public private(set) var cellNumber = 0
  /// The command of the newest cell (picks the visual mode for pictures).
  public private(set) var command = ""

  /// Where ``SessionEvent/follow(_:)`` goes: the training monitor that draws the live picture.
  public var onFollow: (@Sendable (LiveTrainingPicture) -> Void)?

  /// How pictures are drawn: the picture pane shows pixels with kitty graphics.
  public private(set) var pictures: PictureOutput

  public init(app: TUIApp, pictures: PictureOutput = .text) {
    self.app = app
    self.pictures = pictures
  }

  /// Starts cell `[n] command` and returns `n`.
  @discardableResult
  public func beginCell(_ command: String) -> Int {
    cellNumber += 1
    self.command = command
    app.append(NotebookCell(number: cellNumber, command: command))
    return cellNumber
  }

  /// A cell without a number (a notice, a script comment).
  public func note(_ lines: [StyledLine]) {
    app.append(NotebookCell(number: nil, command: "", output: lines))
  }

  public func present(_ event: SessionEvent) {
    switch event {
    case .echo(let line):
      if line.hasPrefix("> ") {
        beginCell(String(line.dropFirst(2)))
      } else if !line.isEmpty {
        note([StyledLine(line, style: .dim)])
      }
    case .text(let lines):
      output(lines.map { StyledLine($0, fit: Self.fit(of: $0)) })
    case .chart(let figure):
      output(figure.lines.map { StyledLine($0, fit: .cut) })
    case .summaryRow(let row):
      var lines = SummaryTable.rows(row).map { StyledLine($0, fit: .cut) }
      if row.index == 0 { lines.insert(StyledLine(SummaryTable.header, style: .dim, fit: .cut), at: 0) }
      output(lines)
    case .summary(let summary):
      let table = SummaryTable.render(summary)
      output(
        table.enumerated().map { StyledLine($1, style: $0 == 0 ? .dim : .plain, fit: .cut) })
    case .error(let report):
      output([StyledLine(report.description, style: .error)])
    case .picture(let picture, let mode):
      app.setPicture(picture, for: mode, show: true)
      output([StyledLine("[picture: \(mode.title)]", style: .dim)])
    case .pane(let pane, let shown):
      app.setPane(pane, shown: shown)
      let what = shown.map { $0 ? "shown" : "hidden" } ?? "toggled"
      output([StyledLine("\(pane.rawValue) pane \(what)", style: .dim)])
    case .follow(let picture):
      onFollow?(picture)
    case .graphics(let choice):
      pictures.choose(choice)
      app.setGraphics(pictures.graphics)
      var lines = [StyledLine(TranscriptRenderer.graphicsLine(choice), style: .dim)]
      switch pictures.graphics {
      case .kitty:
        lines.append(StyledLine("the picture pane shows pixels", style: .dim))
      case .sixel, .iterm:
        lines.append(
          StyledLine(
            "the full screen shows pixels with kitty graphics only; here the picture pane stays "
              + "text (cnnrepl --plain draws \(pictures.graphics.rawValue) pictures)", style: .dim))
      case .text:
        if choice == .auto {
          lines.append(StyledLine("this terminal showed no image protocol at start", style: .dim))
        }
      }
      output(lines)
    }
  }

  /// How a text line fits a narrow pane: a line laid out in columns (two or more spaces
  /// between words after its indentation, as tables, matrices and bar charts are) or drawn
  /// with block characters is cut, never wrapped; anything else is prose and wraps at words.
  public static func fit(of line: String) -> LineFit {
    let body = line.drop { $0 == " " }
    if body.contains("  ") { return .cut }
    let drawing: Set<Character> = ["█", "▌", "▐", "▀", "▄", "░", "▒", "▓", "│", "┤", "└", "─"]
    return body.contains(where: { drawing.contains($0) }) ? .cut : .wrap
  }

  /// The model pane: every row (columns as in `summary`), the totals, the focused row.
  public func showModel(_ summary: ModelSummary, focus: Int? = nil) {
    app.setModel(Self.modelView(summary, focus: focus))
  }

  /// The model pane's table, in ``SummaryTable``'s column order (`#  [in]  layer  output
  /// params  MACs  RF`, `in` for a network with branches: the rows each row reads, never
  /// dropped); on a narrow pane RF goes first, then MACs, then params, and the layer text is
  /// shortened with `…`.
  public static func modelView(_ summary: ModelSummary, focus: Int? = nil) -> ModelView {
    let wired = summary.isBranching
    let columns: [TextTable.Column] =
      [.init("#", rightAligned: true)] + (wired ? [.init("in")] : []) + [
        .init("layer"), .init("output"),
        .init("params", rightAligned: true, dropOrder: 3),
        .init("MACs", rightAligned: true, dropOrder: 2),
        .init("RF", rightAligned: true, dropOrder: 1),
      ]
    let rows = summary.rows.map { row in
      ["\(row.index)"] + (wired ? [SummaryTable.inputs(row)] : []) + [
        SummaryTable.layerCell(row, showsInputs: wired), row.outputShape.description,
        grouped(row.parameters),
        grouped(row.macs), "\(row.receptiveField)x\(row.receptiveField)",
      ]
    }
    let total =
      "total \(grouped(summary.totalParameters)) params (\(SummaryTable.bytes(4 * summary.totalParameters)))"
      + "  MACs \(grouped(summary.macs))"
    return ModelView(
      table: TextTable(columns: columns, rows: rows, flexible: wired ? 2 : 1), totals: [total], focus: focus,
      emptyHint: "empty: start with `input 28x28x1`, `input data` or `preset`")
  }

  private func output(_ lines: [StyledLine]) {
    guard !lines.isEmpty else { return }
    app.appendOutput(lines, toCell: cellNumber == 0 ? nil : cellNumber)
  }
}
