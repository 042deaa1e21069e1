import Foundation
import Testing

/// The real UI in tmux (tui-demo, a fake REPL around `TUIApp`), read off the screen.
/// Skipped when tmux or the tui-demo binary is missing (`swift build` builds it).
@Suite(.enabled(if: TmuxSession.available, "needs tmux and the tui-demo binary (swift build)"))
struct TUIAppTmuxTests {
  static func progressStep(_ screen: String) -> Int? {
    guard let range = screen.range(of: #" (\d+)/200 "#, options: .regularExpression) else {
      return nil
    }
    return Int(screen[range].dropFirst().split(separator: "/")[0])
  }

  @Test func typedTextEchoesAndEnterMakesACell() throws {
    let t = try TmuxSession("echo")
    #expect(try t.waitFor("── model"))
    try t.type("hello wörld 日本")
    #expect(try t.waitFor("> hello wörld 日本"))
    try t.press("Enter")
    #expect(try t.waitFor("[1] hello wörld 日本"))
    #expect(try t.screen().contains("echo: hello wörld 日本"))
    #expect(try t.inputLine() == ">")
    try t.press("Up")
    #expect(try t.waitFor("> hello wörld 日本"))
  }

  @Test func tabCompletesFromTheWordList() throws {
    let t = try TmuxSession("tab")
    #expect(try t.waitFor("── model"))
    try t.type("tr")
    try t.press("Tab")
    #expect(try t.waitFor("> train"))
    try t.press("C-u")
    try t.type("d")
    try t.press("Tab")
    let screen = try t.waitFor { $0.contains("dropout") }
    #expect(screen.contains("data") && screen.contains("dense") && screen.contains("dropout"))
  }

  @Test func previewRowWhileTyping() throws {
    let t = try TmuxSession("preview")
    #expect(try t.waitFor("── model"))
    try t.type("conv 8 3")
    #expect(try t.waitFor("+ conv 8 3 -> 26x26x8 (preview)"))
    try t.press("C-u")
    try t.type("bad")
    #expect(try t.waitFor("error: bad: not a layer"))
  }

  @Test func trainingMovesWhileTyping() throws {
    let t = try TmuxSession("train", arguments: ["--train"])
    let first = try t.waitFor { Self.progressStep($0) != nil }
    try t.type("typing while training")
    let later = try t.waitFor { screen in
      screen.contains("> typing while training")
        && (Self.progressStep(screen) ?? 0) > (Self.progressStep(first) ?? 0) + 5
    }
    #expect(later.contains("> typing while training"))
    #expect((Self.progressStep(later) ?? 0) > (Self.progressStep(first) ?? 0))
    #expect(later.contains("┤"))
  }

  @Test func resizeFoldsPanesAndComesBack() throws {
    let t = try TmuxSession("resize", arguments: ["--train"])
    #expect(try t.waitFor("ep 1/3"))
    try t.type("still here")
    try t.resize(width: 40, height: 12)
    var screen = try t.waitFor {
      !$0.contains("── model") && $0.contains("> still here") && $0.contains("ep ")
    }
    #expect(screen.contains("> still here") && screen.contains("ep "))
    try t.resize(width: 20, height: 5)
    screen = try t.waitFor { $0.split(separator: "\n").count <= 5 && $0.contains("> still") }
    #expect(screen.contains("> still"))
    try t.resize(width: 10, height: 3)
    #expect(try t.waitFor("too small"))
    try t.resize(width: 80, height: 24)
    screen = try t.waitFor { $0.contains("── model") && $0.contains("── training") }
    #expect(screen.contains("> still here"))
    try t.type("!")
    #expect(try t.waitFor("> still here!"))
  }

  @Test func wideLayoutPutsTheModelBesideTheNotebook() throws {
    let t = try TmuxSession("wide", width: 120, height: 40)
    let screen = try t.waitFor { $0.contains("── model") && $0.contains("tui-demo: type") }
    let first = screen.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("tui-demo: type a word"))
    #expect(first.contains("── model"))
  }

  @Test func colorNeverWritesNoEscapeCodes() throws {
    let t = try TmuxSession("never", arguments: ["--color", "never", "--train"])
    #expect(try t.waitFor("ep 1/3"))
    try t.type("error")
    try t.press("Enter")
    #expect(try t.waitFor("error: error:"))
    #expect(!(try t.screen(escapes: true)).contains("\u{1B}"))
    try t.type("fmap")
    try t.press("Enter")
    #expect(try t.waitFor("feature maps (F2): demo"))
    try t.type("back to the notebook")
    try t.press("Enter")
    #expect(try t.waitFor("echo: back to the notebook"))
    #expect(!(try t.screen(escapes: true)).contains("\u{1B}"))
  }

  @Test func colorAlwaysDoesUseEscapeCodes() throws {
    let t = try TmuxSession("always", arguments: ["--color", "always"])
    try t.type("fmap")
    try t.press("Enter")
    let screen = try t.waitFor(escapes: true) { $0.contains("\u{1B}[") && $0.contains("▀") }
    #expect(screen.contains("\u{1B}["))
  }

  @Test func asciiCharsetDrawsOnlyASCII() throws {
    let t = try TmuxSession("ascii", arguments: ["--charset", "ascii", "--train"])
    let screen = try t.waitFor { Self.progressStep($0) ?? 0 > 10 }
    #expect(screen.contains("-- model"))
    #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func ctrlCClearsTheLineAndInterrupts() throws {
    let t = try TmuxSession("ctrlc", arguments: ["--train"])
    #expect(try t.waitFor("ep 1/3"))
    try t.type("half a command")
    #expect(try t.waitFor("> half a command"))
    try t.press("C-c")
    _ = try t.waitFor { !$0.contains("> half a command") }
    #expect(try t.inputLine() == ">")
    #expect(try t.waitFor("interrupted"))
    try t.type("next")
    #expect(try t.waitFor("> next"))
  }

  @Test func quitRestoresTheTerminal() throws {
    let t = try TmuxSession("quit")
    try t.type("quit")
    try t.press("Enter")
    #expect(try t.waitFor("EXIT=0"))
    #expect(try t.screen().contains("tui-demo: quit"))
    #expect(try t.terminalIsSane())
  }

  @Test func ctrlDRestoresTheTerminal() throws {
    let t = try TmuxSession("ctrld")
    #expect(try t.waitFor("── model"))
    try t.press("C-d")
    #expect(try t.waitFor("tui-demo: end of input"))
    #expect(try t.terminalIsSane())
  }

  @Test(arguments: [(SIGHUP, 129), (SIGTERM, 143)])
  func signalRestoresTheTerminal(signal: Int32, status: Int) throws {
    let t = try TmuxSession("sig\(signal)", arguments: ["--train"])
    #expect(try t.waitFor("ep 1/3"))
    let pid = try #require(try t.demoPid())
    kill(pid, signal)
    #expect(try t.waitFor("EXIT=\(status)"))
    #expect(try t.terminalIsSane())
  }

  @Test func crashStillRestoresTheTerminal() throws {
    let t = try TmuxSession("crash")
    #expect(try t.waitFor("── model"))
    try t.type("crash")
    try t.press("Enter")
    #expect(try t.waitFor("EXIT="))
    #expect(!(try t.screen()).contains("EXIT=0"))
    #expect(try t.terminalIsSane())
  }

  @Test func pageKeysScrollTheNotebook() throws {
    let t = try TmuxSession("pages")
    #expect(try t.waitFor("── model"))
    try t.type("many")
    try t.press("Enter")
    #expect(try t.waitFor("line 60"))
    try t.press("PPage")
    #expect(try t.waitFor("more lines below: PgDn"))
    #expect(!(try t.screen()).contains("line 60"))
    try t.press("NPage")
    #expect(try t.waitFor("line 60"))
    #expect(!(try t.screen()).contains("more lines below"))
  }

  @Test func functionKeysShowHelpAndSwitchTheVisualPane() throws {
    let t = try TmuxSession("fkeys")
    #expect(try t.waitFor("── model"))
    try t.press("F1")
    #expect(try t.waitFor("F1 closes"))
    #expect(try t.waitFor("Ctrl-R"), "the help lists the line's keys first")
    try t.press("NPage")  // PgDn pages the help while it is open
    #expect(try t.waitFor("picture pane: feature maps"))
    #expect(try t.waitFor("F6"), "every key is listed")
    try t.press("F1")
    _ = try t.waitFor { !$0.contains("picture pane: feature maps") }
    try t.press("F3")
    #expect(try t.waitFor("── filters (F3)"))
    try t.press("F4")
    #expect(try t.waitFor("── curve (F4)"))
    try t.press("F4")
    #expect(try t.waitFor("── model"))
    try t.type("typed after keys")
    #expect(try t.waitFor("> typed after keys"))
  }

  @Test func ownerCanSetThePromptAndTheInput() throws {
    let t = try TmuxSession("step")
    #expect(try t.waitFor("── model"))
    try t.type("step")
    try t.press("Enter")
    #expect(try t.waitFor("step> conv 8 3"))
    try t.press("Enter")
    #expect(try t.waitFor("[2] conv 8 3"))
  }

  @Test func previewMovesToTheStatusLineWhenTheModelPaneFolds() throws {
    let t = try TmuxSession("folded", width: 40, height: 12)
    #expect(try t.waitFor("tui-demo: type"))
    try t.type("conv 8 3")
    let screen = try t.waitFor { $0.contains("+ conv 8 3 -> 26x26x8") }
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count >= 12 && lines[10].hasPrefix("+ conv 8 3 -> 26x26x8"))
  }

  @Test func blockChartsOnRequest() throws {
    let t = try TmuxSession("blocks", arguments: ["--train", "--chart", "blocks"])
    let screen = try t.waitFor { Self.progressStep($0) ?? 0 > 20 && $0.contains("█┤") == false }
    #expect(screen.contains("▇") || screen.contains("█"))
    #expect(!screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
  }
}
