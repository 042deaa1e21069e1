import Foundation
import Repl
import Testing

/// The journal of an interactive session: written before each command, kept after a crash,
/// removed by a clean quit.
struct CommandJournalTests {
  @Test func recordsCommandsAndReadsThemBack() throws {
    let folder = Paths.temporaryFolder("cnnrepl-journal")
    let journal = CommandJournal(path: folder.appendingPathComponent("j.cnn").path)
    #expect(journal.leftOver().isEmpty)
    journal.begin()
    journal.record("input 28x28x1")
    journal.record("   ")
    journal.record("conv 8 3 relu  ")
    // Another process reads it while this one still runs (what a restart after kill -9 sees).
    let reader = CommandJournal(path: journal.path)
    #expect(reader.leftOver() == ["input 28x28x1", "conv 8 3 relu"])
    journal.remove()
    #expect(!FileManager.default.fileExists(atPath: journal.path))
  }

  @Test func removeLeavesAJournalThisSessionDidNotBegin() throws {
    let folder = Paths.temporaryFolder("cnnrepl-journal")
    let path = folder.appendingPathComponent("j.cnn").path
    try "input 8x8x1\n".write(toFile: path, atomically: true, encoding: .utf8)
    let journal = CommandJournal(path: path)
    journal.remove()  // the recovery offer was not answered: the old journal stays
    #expect(journal.leftOver() == ["input 8x8x1"])
  }

  @Test func placeFollowsXDGStateHomeThenHome() {
    #expect(
      CommandJournal.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path
        == "/s/cnnrepl/journal.cnn")
    #expect(CommandJournal.standard(environment: ["HOME": "/h"])?.path == "/h/.cnnrepl_journal")
    #expect(CommandJournal.standard(environment: [:]) == nil)
  }

  @Test func beginCreatesTheStateFolder() {
    let folder = Paths.temporaryFolder("cnnrepl-journal")
    let journal = CommandJournal.standard(environment: ["XDG_STATE_HOME": folder.path])
    journal?.begin()
    journal?.record("seed 3")
    #expect(journal?.leftOver() == ["seed 3"])
  }
}
