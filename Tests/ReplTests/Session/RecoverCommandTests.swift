import Foundation
import FrontEnds
import Repl
import ReplTestSupport
import Testing

/// `recover [N]` picks a left-over journal for the front end to replay, or says why not; the
/// front end takes it once.
struct RecoverCommandTests {
  static let newest = LeftOverJournal(
    path: "/s/journal-2-2.cnn", commands: ["seed 2"], checkpoint: nil, modified: Date())
  static let older = LeftOverJournal(
    path: "/s/journal-1-1.cnn", commands: ["input 8x8x1", "conv 4 3"], checkpoint: nil,
    modified: Date(timeIntervalSinceNow: -60))

  @Test func nothingToRecoverSaysSo() {
    let harness = SessionHarness(mode: .interactive)
    harness.run("recover")
    #expect(
      harness.errorLines == [
        "error: recover: there is nothing to recover; no earlier session ended without `quit` "
          + "(a kill, a crash or a closed terminal)"
      ])
    #expect(harness.session.recovery.takePending() == nil)
  }

  @Test func recoverPicksTheNewestThenTheNextAndNumbersPickAny() {
    let harness = SessionHarness(mode: .interactive)
    harness.session.recovery.leftOvers = [Self.newest, Self.older]
    #expect(harness.run("recover") == "recovering 1 command from journal-2-2.cnn\n")
    #expect(harness.session.recovery.takePending() == Self.newest)
    #expect(harness.session.recovery.takePending() == nil, "taken once")
    harness.run("recover")
    #expect(harness.session.recovery.takePending() == Self.older)
    harness.run("recover")
    #expect(
      harness.errorLines.first?.contains("every left-over journal was replayed already") == true)
    harness.run("recover 1")
    #expect(harness.errorLines.isEmpty, "a number replays one again")
    #expect(harness.session.recovery.takePending() == Self.newest)
    harness.run("recover 3")
    #expect(
      harness.errorLines == [
        "error: recover: only 2 sessions ended without `quit`; use `recover 1` (the last) to "
          + "`recover 2`"
      ])
  }

  @Test func theSessionSeesItButTheJournalLeavesItOut() throws {
    let harness = SessionHarness(mode: .interactive)
    harness.session.recovery.leftOvers = [Self.newest]
    var journaled: [String] = []
    harness.session.willExecute = { journaled.append($0) }
    harness.run("seed 4\nrecover")
    #expect(journaled == ["seed 4", "recover"], "willExecute sees it")
    #expect(CommandJournal.isUnjournaled("recover") && CommandJournal.isUnjournaled("recover 2"))
    #expect(!CommandJournal.isUnjournaled("seed 4"))
  }

  @Test func helpRecoverExplainsIt() {
    let harness = SessionHarness(mode: .interactive)
    let text = harness.run("help recover")
    #expect(text.contains("recover [N]"))
    #expect(text.contains("replay the journal of a session that ended without `quit`"))
  }
}
