import Foundation
import FrontEnds
import Repl
import ReplTestSupport
import Testing

/// `--step` in line mode: Enter or space advances, `q` stops, other keys wait; from a pipe,
/// whole lines.
@Suite struct StepKeyReaderTests {
  @Test func keysAtATerminal() {
    #expect(StepKeyReader.answer(forByte: UInt8(ascii: " ")) == .advance)
    #expect(StepKeyReader.answer(forByte: 13) == .advance)
    #expect(StepKeyReader.answer(forByte: 10) == .advance)
    #expect(StepKeyReader.answer(forByte: UInt8(ascii: "q")) == .stop)
    #expect(StepKeyReader.answer(forByte: 4) == .stop)  // Ctrl-D
    #expect(StepKeyReader.answer(forByte: UInt8(ascii: "x")) == nil)
  }

  @Test func linesFromAPipe() {
    #expect(StepKeyReader.answer(forLine: "") == .advance)
    #expect(StepKeyReader.answer(forLine: " q ") == .stop)
    #expect(StepKeyReader.answer(forLine: nil) == .stop)
  }
}

/// The real `cnnrepl --plain --step` in tmux: space and Enter each run one command, other keys
/// are ignored, `q` stops.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct StepKeyReaderTmuxTests {
  @Test func spaceAndEnterAdvanceInLineMode() throws {
    let folder = Paths.temporaryFolder("cnnrepl-step")
    let script = folder.appendingPathComponent("demo.cnn")
    try "input 28x28x1\nconv 8 3 relu\nmaxpool 2\n".write(
      to: script, atomically: true, encoding: .utf8)
    let t = try TUITerminal(["--plain", "--step", script.path])
    #expect(t.wait("[1/3] > input 28x28x1"))
    try t.type("x")  // ignored
    try t.press("Space")
    #expect(t.wait("[2/3] > conv 8 3 relu"))
    #expect(t.screen.contains("  0  input"))
    try t.press("Enter")
    #expect(t.wait("[3/3] > maxpool 2"))
    #expect(t.screen.contains("conv 8 3 relu"))
    try t.type("q")
    #expect(t.wait("EXIT=0"))
    #expect(!t.screen.contains("2  maxpool"), "q stops before the third command")
    #expect(try t.terminalIsSane())
  }
}
