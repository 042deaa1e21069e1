import Core
import Rendering
import TUI

/// Turns session events into notebook cells and panes of the full-screen UI.
///
/// Each command gets a cell `[n] command` (``beginCell(_:)``, or a script's `> cmd` echo);
/// its text, summary rows and errors (styled `.error`) are added to that cell. A picture goes
/// to the visual pane (mode by the command: `show filters` → filters, `show curve` → curve,
/// anything else → feature maps) and an ASCII copy into the cell, so the notebook keeps it.
///
/// Confinement: used on the session's queue only; it talks to the UI through ``TUIApp``'s
/// thread-safe pushes.
public final class TUIPresenter: Presenter {
  public let app: TUIApp
  /// The number of the newest cell (0 before the first).
  public private(set) var cellNumber = 0
  /// The command of the newest cell (picks the visual mode for pictures).
  public private(set) var command = ""

  public init(app: TUIApp) { self.app = app }

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
      output(lines.map { StyledLine($0) })
    case .summaryRow(let row):
      var lines = SummaryTable.rows(row).map { StyledLine($0) }
      if row.index == 0 { lines.insert(StyledLine(SummaryTable.header, style: .dim), at: 0) }
      output(lines)
    case .summary(let summary):
      let table = SummaryTable.render(summary)
      output(table.enumerated().map { StyledLine($1, style: $0 == 0 ? .dim : .plain) })
    case .error(let report):
      output([StyledLine(report.description, style: .error)])
    case .picture(let picture):
      app.setPicture(picture, for: Self.mode(for: command), show: true)
      output(
        TranscriptRenderer.pictureLines(picture, renderer: ImageRenderer(depth: .none))
          .map { StyledLine($0) })
    }
  }

  /// The model pane: the table header, every row, one totals line.
  public func showModel(_ summary: ModelSummary) {
    app.setModel(Self.modelLines(summary))
  }

  /// The model pane's table: `#  layer  output  params  RF  MACs`, then a totals line.
  ///
  /// The layer column is as wide as the longest layer (at most ``maxLayerColumns``); an empty
  /// model gives a hint. Narrower than ``SummaryTable`` (72 columns) so it fits the 60-column
  /// side pane of a wide terminal; the columns cut off first at the right are the least needed.
  public static func modelLines(_ summary: ModelSummary) -> [StyledLine] {
    guard !summary.rows.isEmpty else {
      return [
        StyledLine("empty: start with `input 28x28x1`, `input data` or `preset`", style: .dim)
      ]
    }
    let layerWidth = min(maxLayerColumns, max(5, summary.rows.map(\.layer.count).max() ?? 5))
    func line(_ cells: [String]) -> String {
      let layer =
        cells[1].count > layerWidth ? String(cells[1].prefix(layerWidth - 1)) + "…" : cells[1]
      return SummaryTable.pad(cells[0], 3, right: true) + "  "
        + SummaryTable.pad(layer, layerWidth) + "  " + SummaryTable.pad(cells[2], 9)
        + SummaryTable.pad(cells[3], 10, right: true) + SummaryTable.pad(cells[4], 8, right: true)
        + SummaryTable.pad(cells[5], 13, right: true)
    }
    let header = line(["#", "layer", "output", "params", "RF", "MACs"])
    let rows = summary.rows.map { row in
      line([
        "\(row.index)", row.layer, row.outputShape.description, group(row.parameters),
        "\(row.receptiveField)x\(row.receptiveField)", group(row.macs),
      ])
    }
    let total =
      "total \(group(summary.totalParameters)) params (\(SummaryTable.bytes(4 * summary.totalParameters)))"
      + "  MACs \(group(summary.macs))"
    return [StyledLine(header, style: .dim)] + rows.map { StyledLine($0) }
      + [StyledLine(total, style: .bold)]
  }

  /// Widest layer column in the model pane; longer layer texts end in `…`.
  public static let maxLayerColumns = 24

  /// Which visual pane mode shows a picture from `command`.
  static func mode(for command: String) -> VisualMode {
    let words = CommandParser.words(of: command).map { $0.lowercased() }
    guard words.first == "show", words.count > 1 else { return .featureMaps }
    switch words[1] {
    case "filters", "kernel": return .filters
    case "curve": return .curve
    default: return .featureMaps
    }
  }

  private func output(_ lines: [StyledLine]) {
    guard !lines.isEmpty else { return }
    app.appendOutput(lines, toCell: cellNumber == 0 ? nil : cellNumber)
  }
}
