import Foundation
import ReplTestSupport
import Testing

/// The full-screen `cnnrepl` in a real terminal (tmux): the model pane and its preview row,
/// replay and step mode, colour off, every exit path leaving a sane terminal, resizing, and a
/// live training (when `data`/`train` are wired in). Recovery: RecoveryTmuxTests.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct TUIFrontEndTmuxTests {
  /// The model pane's rows after `input 28x28x1`, `conv 8 3 relu`, `maxpool 2`, as words
  /// (`#`, layer, output, params, MACs, RF: the columns of `summary`).
  static let rows = [
    "0 input 28x28x1 0 0 1x1",
    "1 conv 8 3 relu 26x26x8 80 48,672 3x3",
    "2 maxpool 2 13x13x8 0 0 4x4",
  ]

  /// Whether some line of the screen (or the first `columns` of it) reads `row` word for word.
  static func hasRow(_ screen: String, _ row: String, suffixFrom column: Int? = nil) -> Bool {
    screen.split(separator: "\n").contains { line in
      let part = column.map { String(line.dropFirst($0)) } ?? String(line)
      return part.split(separator: " ").joined(separator: " ") == row
    }
  }

  static func buildModel(_ t: TUITerminal) throws {
    try t.enter("input 28x28x1")
    try t.enter("conv 8 3 relu")
    try t.enter("maxpool 2")
    #expect(t.wait { hasRow($0, rows[2]) })
    #expect(t.wait("total 80 params (320 B)"))
  }

  @Test func modelPaneRowsTotalsAndPreviewAt80x24() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    try Self.buildModel(t)
    let screen = t.screen
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first?.hasPrefix("── model ") == true)
    let pane = lines[0..<6].joined(separator: "\n")
    for row in Self.rows { #expect(Self.hasRow(pane, row), "model pane row \(row)") }
    #expect(pane.contains("total 80 params (320 B)"))
    #expect(lines[0].hasPrefix("── model ──"), "every row shown: the title names none")
    #expect(screen.contains("[3] maxpool 2"))
    #expect(screen.contains("80 params") && screen.contains("F1 help"))

    try t.type("conv 16 5")  // no Enter: the preview row
    #expect(t.wait("+ conv 16 5 -> 9x9x16  params 3,216"))
    #expect(!t.screen.contains("[4]"))
    try t.press("C-u")
    try t.type("conv 8 15")
    #expect(t.wait("! conv 8 15: input 13x13x8 is smaller than the 15x15 kernel"))
    try t.press("C-u")
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
    #expect(try t.terminalIsSane())
    #expect(t.journals.isEmpty, "a clean quit removes the journal")
    let history = try String(contentsOfFile: t.historyPath, encoding: .utf8)
    #expect(history.contains("conv 8 3 relu\nmaxpool 2\n"))
  }

  @Test func layoutAt120x40And40x12AndTooSmall() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    try Self.buildModel(t)
    t.resize(width: 120, height: 40)
    #expect(
      t.wait(seconds: 5) { Self.hasRow($0, "1 conv 8 3 relu 26x26x8 80", suffixFrom: 80) },
      "model pane on the right of an 80-column notebook, whole columns left out")
    #expect(t.screen.contains("── model (no MACs, RF)"))
    #expect(t.screen.contains("feature maps"))
    t.resize(width: 40, height: 12)
    try t.type("conv 16 5")
    #expect(t.wait("+ conv 16 5 -> 9x9x16"), "the preview folds into the status line")
    t.resize(width: 12, height: 4)
    #expect(t.wait("too small"))
    t.resize(width: 80, height: 24)
    #expect(t.wait { Self.hasRow($0, Self.rows[1]) })
    try t.press("C-u")
    try t.press("C-d")
    #expect(t.wait("EXIT=0"))
    #expect(try t.terminalIsSane())
  }

  @Test func colorNeverDrawsNoEscapes() throws {
    let plain = try TUITerminal(["--color", "never"])
    #expect(plain.waitForStart())
    try plain.enter("conv 8 3")  // an error cell (no input yet)
    #expect(plain.wait("error: conv"))
    try plain.type("conv 8 3")
    #expect(plain.wait("! conv"))
    #expect(!plain.screenWithEscapes.contains("\u{1B}["))
    try plain.press("C-u")
    try plain.enter("quit")
    #expect(plain.wait("EXIT=0"))

    // The oracle: the same screen with colour has escapes.
    let colour = try TUITerminal(["--color", "always"])
    #expect(colour.waitForStart())
    try colour.enter("conv 8 3")
    #expect(colour.wait("error: conv"))
    #expect(colour.screenWithEscapes.contains("\u{1B}["))
    try colour.enter("quit")
    #expect(colour.wait("EXIT=0"))
  }

  @Test func dumbTerminalGetsLineMode() throws {
    let t = try TUITerminal(environment: "TERM=dumb")
    #expect(t.wait("cnn>"))  // capture-pane trims the trailing space
    try t.enter("input 8x8x1")
    #expect(t.wait("  0  input"))
    #expect(!t.screen.contains("── model"))
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }

  @Test func sighupRestoresTheTerminalAndKeepsTheJournal() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    try t.enter("input 28x28x1")
    #expect(t.wait("  0  input"))
    let pid = try #require(t.pid)
    let path = try #require(t.journalPath)
    kill(pid, SIGHUP)
    #expect(t.wait("EXIT=129"))
    #expect(try t.terminalIsSane())
    let journal = try String(contentsOfFile: path, encoding: .utf8)
    #expect(journal.hasSuffix("input 28x28x1\n"))
  }

  /// The wheel (X10 reports, as tmux sends them) scrolls the notebook back and forth; mouse
  /// reporting is on while the screen is up and off after quit; `--no-mouse` never asks.
  @Test func mouseWheelScrollsTheNotebook() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    #expect(t.format("#{mouse_any_flag}") == "1")
    try t.enter("help")
    // A cell taller than the notebook lands with its first line on screen.
    #expect(t.wait { $0.contains("[1] help") && $0.contains("more lines of this cell") })
    let wheelUp: [UInt8] = [0x1B, 0x5B, 0x4D, 0x60, 0x2A, 0x25]  // \e[M then 64+32, col, row
    let wheelDown: [UInt8] = [0x1B, 0x5B, 0x4D, 0x61, 0x2A, 0x25]
    var notches = 0
    // To the bottom of the cell (how many lines the last notch leaves depends on the help's
    // length, so the loop waits for the marker to go, not for the last line to appear).
    while t.screen.contains("more lines"), notches < 40 {
      let before = t.screen
      try t.sendBytes(wheelDown)
      notches += 1
      #expect(t.wait { $0 != before }, "each notch scrolls")
    }
    #expect(t.screen.contains("`help CMD` shows"), "the wheel reaches the cell's last line")
    #expect(!t.screen.contains("more lines"))
    try t.sendBytes(wheelUp)
    #expect(t.wait("more lines below: PgDn"))
    #expect(!t.screen.contains("`help CMD` shows"))
    try t.sendBytes(wheelDown)
    #expect(t.wait { !$0.contains("more lines below") && $0.contains("`help CMD` shows") })
    #expect(!t.screen.contains("[M"), "no report leaks into the input line")
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
    #expect(t.format("#{mouse_any_flag}") == "0")
    #expect(try t.terminalIsSane())

    let off = try TUITerminal(["--no-mouse"])
    #expect(off.waitForStart())
    #expect(off.format("#{mouse_any_flag}") == "0")
    try off.enter("quit")
    #expect(off.wait("EXIT=0"))
  }

  @Test func replayAFileThenStepThroughIt() throws {
    let folder = Paths.temporaryFolder("cnnrepl-script")
    let script = folder.appendingPathComponent("demo.cnn")
    try "# a tiny net\ninput 28x28x1\n\nconv 8 3 relu\n".write(
      to: script, atomically: true, encoding: .utf8)

    let replay = try TUITerminal([script.path])
    #expect(replay.wait("[2] conv 8 3 relu"))
    #expect(replay.screen.contains("# a tiny net"))
    // The cell's header is drawn before its output: wait for the row, not one capture.
    #expect(replay.wait { Self.hasRow($0, Self.rows[1]) })
    try replay.enter("quit")
    #expect(replay.wait("EXIT=0"))

    let step = try TUITerminal(["--step", script.path])
    #expect(step.wait("[1/2] > input 28x28x1"))
    #expect(!step.screen.contains("[1] input"))
    try step.press("Enter")
    #expect(step.wait("[2/2] > conv 8 3 relu"))
    #expect(step.screen.contains("[1] input 28x28x1"))
    try step.type("x")  // an edited line: space is a space again
    try step.press("Space")
    #expect(step.wait("[2/2] > conv 8 3 relux"))
    #expect(!step.screen.contains("[2] conv"))
    try step.press("BSpace", "BSpace")
    try step.press("Space")  // the line reads as pushed again: space runs it
    #expect(step.wait("end of \(script.path)"))
    #expect(step.screen.contains("[2] conv 8 3 relu"))
    #expect(step.wait { Self.hasRow($0, Self.rows[1]) })
    try step.enter("quit")
    #expect(step.wait("EXIT=0"))
  }

  /// Loads MNIST, trains, and types, resizes and runs a command while the training goes on.
  @Test func liveTrainingWhileTypingAndResizing() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    try t.enter("data mnist")
    #expect(
      t.wait(seconds: 60) { $0.contains("[1] data mnist\n") && !$0.contains("[1] data mnist\n\n") })
    #expect(!t.screen.contains("not available"), "data mnist answers")
    #expect(t.wait(seconds: 60) { !$0.contains("no data │") })
    try t.enter("preset keras-mnist")
    #expect(t.wait("│ 104,202 params"))
    try t.enter("train epochs=1 limit=2000")
    #expect(t.wait(seconds: 60) { $0.contains("ep 1/1") || $0.contains("training done") })
    #expect(!t.screen.contains("not available"), "train answers")
    let before = progress(t.screen)
    try t.type("conv 8")  // typing while it trains: the preview answers
    #expect(t.wait("conv F K"))
    #expect(t.wait(seconds: 60) { progress($0) != before || $0.contains("training done") })
    t.resize(width: 40, height: 12)
    #expect(t.wait(seconds: 10) { $0.contains("ep 1/1") || $0.contains("training done") })
    t.resize(width: 80, height: 24)
    #expect(t.wait(seconds: 10) { $0.contains("── training") || $0.contains("training done") })
    try t.press("C-u")
    try t.enter("seed 7")  // a command runs while the training goes on
    #expect(t.wait("[4] seed 7"))
    try t.press("C-c")  // stops the training if it still runs
    #expect(
      t.wait(seconds: 120) { $0.contains("training stopped") || $0.contains("training done") })
    #expect(t.screen.contains("epoch 1/1") || t.screen.contains("stopped"))
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
    #expect(try t.terminalIsSane())
  }

  /// `show stats` while training: the picture pane follows the training's own measurements
  /// (a newer step replaces the older one), a bar per row, and goes back to feature maps at
  /// the next `train`.
  @Test func showStatsFollowsTheTrainingLive() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    for line in [
      "seed 1", "data bars train=2048 test=16 size=28", "input data", "conv 8 3 relu",
      "maxpool 2", "flatten", "dense 4 softmax",
    ] {
      try t.enter(line)
    }
    #expect(t.wait("[7] dense 4 softmax"))
    try t.enter("train epochs=10000")  // 640,000 steps: it runs until C-c
    #expect(t.wait("Ctrl-C stops"))  // the UI has seen the start
    try t.enter("show stats")
    func measuredStep(_ screen: String) -> Int? {
      guard let range = screen.range(of: "row statistics at step ") else { return nil }
      return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }
    #expect(t.wait(seconds: 60) { measuredStep($0) != nil })
    let first = try #require(measuredStep(t.screen))
    #expect(first % 25 == 0)
    #expect(t.wait(seconds: 60) { (measuredStep($0) ?? 0) > first }, "the pane follows")
    let screen = t.screen
    #expect(screen.contains("(live while training)"))
    #expect(Self.hasRow(screen, "row layer |grad| 1e-8 1e-4 1"))
    #expect(screen.split(separator: "\n").contains { $0.contains("1 conv 8 3") && $0.contains("█") })
    try t.press("C-c")
    #expect(t.wait("training stopped"))
    try t.enter("train epochs=10000")  // a new training shows its feature maps again
    #expect(t.wait("[10] train epochs=10000"))
    #expect(t.wait("Ctrl-C stops"))
    try t.press("F2")  // the pane, hidden by the commands since, shows the feature maps again
    #expect(t.wait(seconds: 60) { $0.contains("feature maps (F2): row 1 conv 8 3 relu, step") })
    try t.enter("quit")  // quitting mid-training stops it
    #expect(t.wait("EXIT=0"))
    #expect(try t.terminalIsSane())
  }

  /// The progress line of the training pane (`ep 1/1 … 12/63 …`).
  func progress(_ screen: String) -> String {
    screen.split(separator: "\n").first { $0.hasPrefix("ep ") }.map(String.init) ?? ""
  }
}

/// Every signal that can end the full screen leaves a working terminal: TERM, HUP and QUIT
/// end it with 128 + the signal, SEGV and ABRT (the fatal path) die by the signal after
/// `endwin`, and INT only clears the line (it stops a training; the program goes on).
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct TUISignalTmuxTests {
  @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGQUIT, 131), (SIGSEGV, 139), (SIGABRT, 134)])
  func theTerminalWorksAfter(signal: Int32, status: Int) throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    try t.enter("input 8x8x1")
    #expect(t.wait("[1] input 8x8x1"))
    try t.type("conv 4")  // half a line typed when it happens
    #expect(t.wait("> conv 4"))
    kill(try #require(t.pid), signal)
    #expect(t.wait("EXIT=\(status)"), "signal \(signal)")
    #expect(try t.terminalIsSane(), "signal \(signal): \(t.screen)")
    try t.enter("echo typed-after")
    #expect(t.wait("\ntyped-after"), "typed text echoes after signal \(signal)")
  }

  @Test func interruptClearsTheLineAndTheProgramGoesOn() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    try t.type("conv 4")
    #expect(t.wait("> conv 4"))
    kill(try #require(t.pid), SIGINT)
    #expect(t.wait { !$0.contains("> conv 4") })
    try t.enter("input 8x8x1")
    #expect(t.wait("[1] input 8x8x1"))
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
    #expect(try t.terminalIsSane())
  }
}
