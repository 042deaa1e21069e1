import Repl
import Testing

@Suite struct MarkdownTranscriptTests {
  @Test func commentsBecomeProseAndCommandsFencedCells() {
    let entries = [
      TranscriptEntry(kind: .comment("# First, the input.")),
      TranscriptEntry(kind: .comment("# One channel.")),
      TranscriptEntry(kind: .command("seed 3"), events: [.text(["seed 3"])]),
      TranscriptEntry(kind: .comment("#")),
      TranscriptEntry(
        kind: .command("covn"),
        events: [.error(ErrorReport(error: .unknownCommand(word: "covn", suggestion: "conv")))]),
    ]
    #expect(
      MarkdownTranscript.render(entries) == """
        # cnnrepl session

        First, the input.
        One channel.

        ```text
        > seed 3
        seed 3
        ```

        ```text
        > covn
        error: covn: unknown command; did you mean `conv`?
        ```

        """)
  }
}
