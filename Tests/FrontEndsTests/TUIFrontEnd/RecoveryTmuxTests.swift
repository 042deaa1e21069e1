import Foundation
import ReplTestSupport
import Testing

/// Recovery on the real binary never blocks: after a `kill -9` the next start says that the
/// last session ended without `quit` and takes commands at once; `recover` replays the journal;
/// the left-over stays until a clean `quit` removes it, and a second crash before that loses
/// nothing. Full screen and line mode, with and without `--autosave` weights.
@Suite(.serialized, .enabled(if: TUITerminal.available, "needs tmux and the built cnnrepl"))
struct RecoveryTmuxTests {
  static let rows = TUIFrontEndTmuxTests.rows

  static func hasRow(_ screen: String, _ row: String) -> Bool {
    TUIFrontEndTmuxTests.hasRow(screen, row)
  }

  /// A session in `home` that built the three-row model, then was killed.
  static func crashedSession(home: URL, _ arguments: [String] = []) throws {
    let first = try TUITerminal(arguments, home: home)
    #expect(first.waitForStart())
    try TUIFrontEndTmuxTests.buildModel(first)
    kill(try #require(first.pid), SIGKILL)
    #expect(first.wait("EXIT=137"))
  }

  @Test func theNoticeDoesNotBlockAndRecoverReplays() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    try Self.crashedSession(home: home)

    let second = try TUITerminal(home: home)
    #expect(second.wait("the last session ended without `quit`: `recover` replays its 3 commands"))
    #expect(second.screen.contains("last command: `maxpool 2`"))
    #expect(second.screen.contains("journal kept in ~/.local/state/cnnrepl"))
    let leftOver = try #require(second.journals.first { $0 != second.journalPath })
    try second.enter("input 32x32x3")  // runs at once: no question in the way
    #expect(second.wait("[1] input 32x32x3"))
    #expect(second.wait { Self.hasRow($0, "0 input 32x32x3 0 0 1x1") })
    try second.enter("recover")
    #expect(second.wait("recovering 3 commands from \((leftOver as NSString).lastPathComponent)"))
    #expect(second.wait { Self.hasRow($0, Self.rows[2]) })
    #expect(second.wait("total 80 params"))
    #expect(FileManager.default.fileExists(atPath: leftOver), "kept until a clean quit")
    let journal = try String(contentsOfFile: try #require(second.journalPath), encoding: .utf8)
    #expect(journal.hasSuffix("input 32x32x3\ninput 28x28x1\nconv 8 3 relu\nmaxpool 2\n"))
    try second.enter("recover")
    #expect(second.wait("was replayed already"))
    try second.enter("quit")
    #expect(second.wait("EXIT=0"))
    #expect(second.journals.isEmpty, "a clean quit removes its journal and the left-over")
    #expect(try second.terminalIsSane())
  }

  /// A second crash before `recover` or `quit`: the third start names both sessions, newest
  /// first, and replays either.
  @Test func aSecondCrashLosesNothing() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    try Self.crashedSession(home: home)
    let second = try TUITerminal(home: home)
    #expect(second.wait("`recover` replays its 3 commands"))
    try second.enter("seed 5")
    #expect(second.wait("[1] seed 5"))
    kill(try #require(second.pid), SIGKILL)
    #expect(second.wait("EXIT=137"))

    let third = try TUITerminal(home: home)
    #expect(third.wait("2 sessions ended without `quit`: `recover N` replays session N"))
    #expect(third.screen.contains("  1  1 command, last `seed 5`"))
    #expect(third.screen.contains("  2  3 commands, last `maxpool 2`"))
    try third.enter("recover 2")
    #expect(third.wait("recovering 3 commands"))
    #expect(third.wait { Self.hasRow($0, Self.rows[2]) })
    try third.enter("recover")
    #expect(third.wait("recovering 1 command from"))
    #expect(third.wait("] seed 5"))
    try third.enter("quit")
    #expect(third.wait("EXIT=0"))
    #expect(third.journals.isEmpty)
  }

  /// Two cnnrepl in one HOME: neither lists the other's running journal; once one is killed,
  /// the next start lists exactly its commands (a typo in them does not stop the replay), and
  /// the survivor's clean quit removes only its own journal.
  @Test func twoSessionsKeepTheirOwnJournals() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    let first = try TUITerminal(home: home)
    #expect(first.waitForStart())
    try first.enter("input 28x28x1")
    try first.enter("conv 8 3 rleu")  // a typo, journaled too
    try first.enter("conv 8 3 relu")
    #expect(first.wait { Self.hasRow($0, Self.rows[1]) })

    let second = try TUITerminal(home: home)
    #expect(second.waitForStart())
    try second.enter("input 8x8x1")
    #expect(second.wait("[1] input 8x8x1"))
    #expect(!second.screen.contains("ended without `quit`"), "the first one still runs")
    #expect(second.journals.count == 2)

    kill(try #require(first.pid), SIGKILL)
    #expect(first.wait("EXIT=137"))
    let third = try TUITerminal(home: home)
    #expect(third.wait("`recover` replays its 3 commands"))
    #expect(third.screen.contains("last command: `conv 8 3 relu`"))
    try third.enter("recover")
    #expect(third.wait { Self.hasRow($0, Self.rows[1]) }, "the replay goes on after the typo")
    try third.enter("quit")
    #expect(third.wait("EXIT=0"))
    try second.enter("quit")
    #expect(second.wait("EXIT=0"))
    #expect(second.journals.isEmpty)
  }

  @Test func nothingToRecoverSaysSo() throws {
    let t = try TUITerminal()
    #expect(t.waitForStart())
    #expect(!t.screen.contains("ended without `quit`"))
    try t.enter("recover")
    #expect(t.wait("error: recover: there is nothing to recover"))
    try t.enter("help recover")
    #expect(t.wait("journals that ended without `quit` stay until this session quits"))
    try t.enter("quit")
    #expect(t.wait("EXIT=0"))
  }

  /// `kill -9` in the middle of a training with `--autosave`: `recover` loads the weights
  /// instead of training again.
  @Test func kill9MidTrainingRecoversCommandsAndAutosavedWeights() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    let first = try TUITerminal(["--autosave", "5"], home: home)
    #expect(first.waitForStart())
    for line in ["data bars size=12", "input data", "conv 4 3 relu", "flatten", "dense 4 softmax"] {
      try first.enter(line)
    }
    #expect(first.wait("│ 1,644 params", seconds: 30))
    try first.enter("train epochs=1000 batch=8")
    let checkpoint = String(try #require(first.journalPath).dropLast(4)) + ".safetensors"
    #expect(
      first.wait(seconds: 60) { _ in FileManager.default.fileExists(atPath: checkpoint) },
      "autosaved while training")
    // Any epoch of the 1,000 (epoch 1 may be over by now): the progress line says it trains.
    #expect(
      first.wait { $0.range(of: #"\nep [0-9]+/1000 "#, options: .regularExpression) != nil },
      "still training")
    kill(try #require(first.pid), SIGKILL)
    #expect(first.wait("EXIT=137"))

    let second = try TUITerminal(home: home)
    #expect(second.wait("`recover` replays its 6 commands"))
    #expect(second.screen.contains("last command: `train epochs=1000 batch=8`"))
    #expect(second.screen.contains("`recover` loads them instead of 1 training command"))
    try second.enter("recover")
    #expect(second.wait("loaded 4 tensors (1,644 params) from", seconds: 30))
    #expect(!second.screen.contains("] train"), "the training is not run again")
    try second.enter("quit")
    #expect(second.wait("EXIT=0"))
    #expect(second.journals.isEmpty)
    let left = try FileManager.default.contentsOfDirectory(atPath: second.journalFolder)
    #expect(left.filter { $0.hasSuffix(".safetensors") }.isEmpty, "a clean quit deletes them")
  }

  /// Line mode says the same and asks nothing: the typed line runs, `recover` replays.
  @Test func lineModeNoticeThenRecover() throws {
    let home = Paths.temporaryFolder("cnnrepl-home")
    let script = home.appendingPathComponent("net.cnn")
    try "input 28x28x1\nconv 8 3 relu\n".write(to: script, atomically: true, encoding: .utf8)
    let first = try TUITerminal(["--plain", script.path], home: home)
    #expect(first.wait("cnn>"))
    try first.enter("maxpool 2")
    #expect(first.wait("  2  maxpool 2"))
    kill(try #require(first.pid), SIGKILL)
    #expect(first.wait("EXIT=137"))

    let second = try TUITerminal(["--plain"], home: home)
    #expect(second.wait("`recover` replays its 3 commands"))
    #expect(second.screen.contains("last command: `maxpool 2`"))
    #expect(second.wait("cnn>"))
    try second.enter("input 32x32x3")
    #expect(second.wait("  0  input"))
    #expect(second.screen.contains("32x32x3"))
    try second.enter("recover")
    #expect(second.wait("recovering 3 commands"))
    #expect(second.wait("  2  maxpool 2"))
    try second.enter("quit")
    #expect(second.wait("EXIT=0"))
    #expect(second.journals.isEmpty)
  }
}
