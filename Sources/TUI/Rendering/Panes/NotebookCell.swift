/// One notebook cell: `[number] command` then its output lines (errors as `.error` spans).
/// A cell with no number shows only its output (a welcome text, a notice).
public struct NotebookCell: Sendable, Equatable {
  public var number: Int?
  public var command: String
  public var output: [StyledLine]

  public init(number: Int?, command: String, output: [StyledLine] = []) {
    self.number = number
    self.command = command
    self.output = output
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
