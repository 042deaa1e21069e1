/// One notebook cell: `[number] command` then its output lines (errors as `.error` spans).
/// A cell with no number shows only its output (a welcome text, a notice).
public struct NotebookCell: Sendable, Equatable {
  public var number: Int?
  public var command: String
  public var output: [StyledLine]
  /// A note that asks for the reader's attention (a question waiting for an answer): while
  /// following, the view keeps its first line in sight as it does a numbered cell's, even
  /// when the cell before it is taller than the pane.
  public var keepsInView: Bool

  public init(number: Int?, command: String, output: [StyledLine] = [], keepsInView: Bool = false)
  {
    self.number = number
    self.command = command
    self.output = output
    self.keepsInView = keepsInView
  }

  /// The header and output lines, unwrapped.
  public var lines: [StyledLine] {
    guard let number else { return output }
    let header = StyledLine(spans: [
      StyledSpan("[\(number)] ", style: .accent), StyledSpan(command, style: .bold),
    ])
    return [header] + output
  }
}
