import FrontEnds
import Repl
import Testing

/// Tab completion of the whole word under the cursor (the TUI replaces that word).
struct TUICompletionTests {
  static func none(_: String) -> [Completer.Entry] { [] }

  @Test func commandNames() {
    #expect(TUICompletion.candidates(line: "inp", cursor: 3, listDirectory: Self.none) == ["input"])
  }

  @Test func optionValueCompletesAsTheWholeWord() {
    let line = "conv 8 3 pad=sa"
    #expect(
      TUICompletion.candidates(line: line, cursor: line.count, listDirectory: Self.none)
        == ["pad=same"])
  }

  @Test func optionKeys() {
    let line = "conv 8 3 st"
    #expect(
      TUICompletion.candidates(line: line, cursor: line.count, listDirectory: Self.none)
        == ["stride="])
  }

  @Test func cursorInTheMiddleCompletesTheWordBeforeIt() {
    #expect(
      TUICompletion.candidates(line: "sum 8", cursor: 3, listDirectory: Self.none) == ["summary"])
  }
}
