import Foundation
import Repl
import ReplTestSupport
import Testing

/// Line mode in a real terminal (tmux, 80x24): Tab completion from the command table, Ctrl-C
/// clearing the line, the history file in `$HOME`, Ctrl-D quitting.
@Suite(
  .serialized,
  .enabled(if: Tmux.available && Executable.available, "needs tmux and the built binary"))
struct ReadlineEditorTests {
  static func start(home: URL) throws -> Tmux {
    let binary = Executable.url?.path ?? "cnnrepl"
    let session = try Tmux(command: "env HOME=\(home.path) TERM=xterm \(binary) --plain")
    session.wait { $0.contains("cnn>") }
    return session
  }

  @Test func completionCtrlCHistoryAndCtrlD() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    let tmux = try Self.start(home: home)
    try tmux.send("inp", "Tab")
    #expect(tmux.wait { $0.contains("cnn> input") })  // capture-pane trims trailing spaces
    try tmux.send("28x28x1", "Enter")
    #expect(tmux.wait { $0.contains("  0  input") })
    try tmux.send("conv 8 3 st", "Tab")
    #expect(tmux.wait { $0.contains("cnn> conv 8 3 stride=") })
    try tmux.send("2 pad=sa", "Tab")
    #expect(tmux.wait { $0.contains("cnn> conv 8 3 stride=2 pad=same") })
    try tmux.send("C-c")
    #expect(tmux.wait { $0.contains("pad=same ^C\ncnn>") })  // a fresh, empty prompt
    try tmux.send("seed 4", "Enter")
    #expect(tmux.wait { $0.contains("\nseed 4\n") })
    try tmux.send("show f", "Tab", "Tab")
    #expect(tmux.wait { $0.contains("filters  fmap") })
    try tmux.send("C-u", "C-d")
    #expect(tmux.wait(seconds: 5) { _ in !tmux.isRunning })
    let history = try String(
      contentsOf: home.appendingPathComponent(".local/state/cnnrepl/history"), encoding: .utf8)
    #expect(history.split(separator: "\n") == ["input 28x28x1", "seed 4"])  // Ctrl-C'd line not kept

    // A new session reads the history back: Up recalls the last line.
    let again = try Self.start(home: home)
    try again.send("Up")
    #expect(again.wait { $0.contains("cnn> seed 4") })
    try again.send("C-u", "quit", "Enter")
    #expect(again.wait { _ in !again.isRunning })
  }
}
