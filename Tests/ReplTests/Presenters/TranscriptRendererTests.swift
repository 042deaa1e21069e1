import Core
import Repl
import Testing

@Suite struct TranscriptRendererTests {
  @Test func echoes() {
    #expect(TranscriptRenderer.echo("conv 8 3  ") == "> conv 8 3")
    #expect(TranscriptRenderer.echo("  # a note") == "# a note")
    #expect(TranscriptRenderer.echo("   ") == "")
  }

  @Test func rowZeroBringsTheHeader() {
    let lines = TranscriptRenderer.lines(for: .summaryRow(KerasMnist.rows[0]))
    #expect(lines == [SummaryTable.header] + SummaryTable.rows(KerasMnist.rows[0]))
    #expect(
      TranscriptRenderer.lines(for: .summaryRow(KerasMnist.rows[1]))
        == SummaryTable.rows(KerasMnist.rows[1]))
  }

  @Test func errorsWithAndWithoutLocation() {
    let error = CommandError.unknownCommand(word: "covn", suggestion: "conv")
    #expect(
      TranscriptRenderer.lines(for: .error(ErrorReport(error: error))) == [
        "error: covn: unknown command; did you mean `conv`?"
      ])
    let located = ErrorReport(location: ScriptLocation(file: "net.cnn", line: 4), error: error)
    #expect(located.description == "net.cnn:4: error: covn: unknown command; did you mean `conv`?")
  }

  @Test func shapeErrorsKeepTheirArithmetic() {
    let shape = ShapeError.windowDoesNotFit(
      layer: "conv 16 5", input: Shape(height: 3, width: 3, channels: 8), kernel: 5,
      effectiveKernel: 5, padding: 0,
      stride: 1, axisSize: 3, output: -1)
    #expect(
      ErrorReport(error: .shape(command: "conv", shape)).description
        == "error: conv 16 5: input 3x3x8 is smaller than the 5x5 kernel: (3 - 5 + 2·0)/1 + 1 = -1; use pad=same or a smaller kernel"
    )
    #expect(
      ErrorReport(error: .shape(command: "conv", .noInput)).description
        == "error: conv: there is no input shape yet; start with `input 28x28x1` or `input data`")
  }
}
