import Repl
import Testing

/// Scripts saved with Windows (CRLF) or old Mac (CR) line ends read as their lines.
struct ScriptLinesTests {
  @Test func everyLineEndEndsALine() {
    #expect(ScriptLines.split("input 8x8x1\nconv 4 3\n") == ["input 8x8x1", "conv 4 3"])
    #expect(ScriptLines.split("input 8x8x1\r\nconv 4 3\r\n") == ["input 8x8x1", "conv 4 3"])
    #expect(ScriptLines.split("input 8x8x1\rconv 4 3") == ["input 8x8x1", "conv 4 3"])
    #expect(ScriptLines.split("a\r\n\r\nb") == ["a", "", "b"])
    #expect(ScriptLines.split("") == [])
  }

  /// The defect: a CRLF script ran as one long command (`input 8x8x1\r\nconv 4 3` refused).
  @Test func aCRLFScriptRunsEachCommand() {
    let presenter = RecordingPresenter()
    let session = Session(options: SessionOptions(mode: .batch), presenter: presenter)
    let result = session.runScript(
      text: "# made on Windows\r\ninput 8x8x1\r\nconv 4 3 relu\r\n", name: "crlf.cnn", echo: true)
    #expect(result.succeeded)
    #expect(presenter.errors.isEmpty, "\(presenter.errors)")
    #expect(session.model.specs.count == 1)
    #expect(session.model.inputShape?.description == "8x8x1")
    #expect(presenter.text.contains("> conv 4 3 relu\n"))
  }
}
