import Core
import Foundation

/// Session events as plain text lines: what line mode and `cnnrepl run` print, what golden
/// transcripts hold and what `export transcript` puts inside fenced blocks.
public enum TranscriptRenderer {
  public static func lines(for event: SessionEvent) -> [String] {
    switch event {
    case .echo(let line): [line]
    case .text(let lines): lines
    case .summaryRow(let row):
      row.index == 0 ? [SummaryTable.header, SummaryTable.row(row)] : [SummaryTable.row(row)]
    case .summary(let summary): SummaryTable.render(summary)
    case .error(let report): [report.description]
    }
  }

  /// Script lines as echoed in a transcript: commands after `> `, comments and blanks as-is.
  public static func echo(_ line: String) -> String {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed.hasPrefix("#") { return trimmed }
    return "> " + trimmed
  }
}
