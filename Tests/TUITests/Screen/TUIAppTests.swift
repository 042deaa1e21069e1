import Rendering
import TUI
import Testing

@Suite struct TUIAppTests {
  /// Without a terminal (CI, a pipe) the UI refuses to start, leaving the owner on line mode.
  @Test(.enabled(if: !TUIApp.canRun, "stdin and stdout are a terminal here"))
  func refusesToStartWithoutATerminal() {
    let app = TUIApp(callbacks: TUICallbacks(onLine: { _ in }))
    #expect(throws: TUIError.notATerminal) { try app.start() }
  }

  @Test func tickFollowsTheFrameCap() {
    #expect(TUIOptions(fps: 15).tickMilliseconds == 66)
    #expect(TUIOptions(fps: 0).tickMilliseconds == 1000)
    #expect(TUIOptions(fps: 1000).tickMilliseconds == 8)
  }

  @Test func errorsSayWhatToDo() {
    #expect(TUIError.notATerminal.description.contains("--plain"))
  }
}
