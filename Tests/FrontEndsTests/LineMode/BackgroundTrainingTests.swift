import Foundation
import ReplTestSupport
import Testing

/// Line mode at a real terminal (tmux): `train` runs in the background while the user types.
@Suite(
  .enabled(if: Tmux.available && Executable.available, "needs tmux and the built binary"))
struct BackgroundTrainingTests {
  @Test func typingWhileTrainingKeepsTheTextAndShowsProgress() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    let binary = Executable.url?.path ?? "cnnrepl"
    let tmux = try Tmux(command: "env HOME=\(home.path) TERM=xterm \(binary) --plain")
    #expect(tmux.wait { $0.contains("cnn>") })
    for line in [
      "data bars train=2000 test=100 size=16", "input data", "conv 8 3 relu", "flatten",
      "dense 4 softmax", "train epochs=5000 batch=16",
    ] {
      try tmux.send(line, "Enter")
    }
    #expect(tmux.wait(seconds: 20) { $0.contains("training in the background") })
    try tmux.send("seed 77")
    // The progress sits in front of the prompt and the typed text stays intact.
    #expect(
      tmux.wait(seconds: 20) { screen in
        screen.split(separator: "\n").contains {
          $0.hasPrefix("[epoch ") && $0.hasSuffix("cnn> seed 77")
        }
      }, "\(tmux.screen)")
    // Any epoch's line (on a fast machine the first may have scrolled away already), with the
    // prompt and the typed text redrawn below it: a state to wait for, since a capture taken
    // between an epoch's line and the prompt's redraw shows the line alone.
    #expect(
      tmux.wait(seconds: 30) { screen in
        screen.contains(#/epoch \d+/5000  loss /#)
          && screen.split(separator: "\n").last { !$0.isEmpty }?.hasSuffix("cnn> seed 77") == true
      }, "\(tmux.screen)")
    try tmux.send("Enter")
    #expect(tmux.wait { $0.contains("\nseed 77\n") })
    try tmux.send("relu", "Enter")
    #expect(tmux.wait { $0.contains("the model cannot change now: a training is running") })
    try tmux.send("C-c")
    #expect(tmux.wait(seconds: 10) { $0.contains("training stopped after ") }, "\(tmux.screen)")
    try tmux.send("relu", "Enter")
    #expect(tmux.wait { $0.contains("  4  relu") }, "\(tmux.screen)")
    try tmux.send("C-d")
    #expect(tmux.wait { _ in !tmux.isRunning })
  }
}
