import Foundation
import ReplTestSupport
import Testing

/// Line mode (`--plain`) at the readline prompt: TERM, HUP and QUIT end it by the signal with
/// the terminal in a sane state (readline restores it before the signal goes on); INT clears
/// the typed line and the prompt stays.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct LineModeSignalTmuxTests {
  @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGQUIT, 131)])
  func theTerminalWorksAfter(signal: Int32, status: Int) throws {
    let t = try TUITerminal(["--plain"])
    #expect(t.wait("cnn>"))
    try t.type("conv 4")
    #expect(t.wait("cnn> conv 4"))
    kill(try #require(t.pid), signal)
    #expect(t.wait("EXIT=\(status)"), "signal \(signal)")
    #expect(try t.terminalIsSane(), "signal \(signal): \(t.screen)")
  }

  @Test func interruptClearsTheLine() throws {
    let t = try TUITerminal(["--plain"])
    #expect(t.wait("cnn>"))
    try t.type("conv 4")
    #expect(t.wait("cnn> conv 4"))
    kill(try #require(t.pid), SIGINT)
    try t.enter("input 8x8x1")
    #expect(t.wait("  0  input"))
    #expect(!t.screen.contains("conv 4input"))
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
    #expect(try t.terminalIsSane())
  }
}
