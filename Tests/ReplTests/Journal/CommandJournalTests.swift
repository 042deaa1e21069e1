import Foundation
import Repl
import Testing

/// One journal per process, locked while it runs: written before each command, offered to the
/// next start only once its process is gone, removed by a clean quit.
struct CommandJournalTests {
  static func folder() -> String { Paths.temporaryFolder("cnnrepl-journal").path }

  /// `journal.claimLeftOver()`, tried for up to 3 s: while other tests spawn processes, a child
  /// between its fork and its exec still holds a copy of a just-closed journal's lock.
  static func claim(_ journal: CommandJournal) -> LeftOverJournal? {
    let deadline = Date().addingTimeInterval(3)
    while Date() < deadline {
      if let claimed = journal.claimLeftOver() { return claimed }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return journal.claimLeftOver()
  }

  @Test func recordsCommandsAndReadsThemBack() throws {
    let journal = CommandJournal(folder: Self.folder(), name: "journal-1-1")
    journal.begin()
    journal.record("input 28x28x1")
    journal.record("   ")
    journal.record("conv 8 3 relu  ")
    #expect(CommandJournal.commands(at: journal.path) == ["input 28x28x1", "conv 8 3 relu"])
    journal.remove()
    #expect(!FileManager.default.fileExists(atPath: journal.path))
  }

  @Test func aRunningSessionsJournalIsNotOfferedButAClosedOneIs() throws {
    let folder = Self.folder()
    let running = CommandJournal(folder: folder, name: "journal-1-1")
    running.begin()
    running.record("seed 3")
    let other = CommandJournal(folder: folder, name: "journal-2-2")
    #expect(other.claimLeftOver() == nil, "the lock says its process still runs")
    running.close()  // what the kernel does when the process dies (kill -9)
    let claimed = try #require(Self.claim(other))
    #expect(claimed.path == running.path)
    #expect(claimed.commands == ["seed 3"])
    #expect(claimed.checkpoint == nil)
    // While one start offers it, a third start does not.
    #expect(CommandJournal(folder: folder, name: "journal-3-3").claimLeftOver() == nil)
    other.discardClaimed()
    #expect(!FileManager.default.fileExists(atPath: running.path))
  }

  @Test func theNewestLeftOverComesFirstAndEmptyOnesAreDropped() throws {
    let folder = Self.folder()
    let old = CommandJournal(folder: folder, name: "journal-1-1")
    old.begin()
    old.record("seed 1")
    old.close()
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: old.path)
    let empty = CommandJournal(folder: folder, name: "journal-2-2")
    empty.begin()
    empty.close()
    let newer = CommandJournal(folder: folder, name: "journal-3-3")
    newer.begin()
    newer.record("seed 3")
    newer.close()

    let me = CommandJournal(folder: folder, name: "journal-4-4")
    #expect(Self.claim(me)?.commands == ["seed 3"])
    me.discardClaimed()
    #expect(Self.claim(me)?.commands == ["seed 1"])
    me.discardClaimed()
    #expect(me.claimLeftOver() == nil)
    #expect(!FileManager.default.fileExists(atPath: empty.path), "an empty journal is deleted")
  }

  @Test func autosavedWeightsComeWithTheirJournalAndMoveToTheRecoveringSession() throws {
    let folder = Self.folder()
    let crashed = CommandJournal(folder: folder, name: "journal-1-1")
    crashed.begin()
    crashed.record("preset lenet5")
    try Data("weights".utf8).write(to: URL(fileURLWithPath: crashed.checkpointPath))
    crashed.close()
    let me = CommandJournal(folder: folder, name: "journal-2-2")
    let claimed = try #require(Self.claim(me))
    #expect(claimed.checkpoint == crashed.checkpointPath)
    #expect(me.adoptClaimedCheckpoint() == me.checkpointPath)
    me.discardClaimed()
    #expect(FileManager.default.contents(atPath: me.checkpointPath) == Data("weights".utf8))
    me.begin()
    me.remove()  // a clean quit deletes the session's autosave too
    #expect(!FileManager.default.fileExists(atPath: me.checkpointPath))
  }

  @Test func placeFollowsXDGStateHomeThenHome() throws {
    let state = try #require(
      CommandJournal.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]))
    #expect(state.folder == "/s/cnnrepl")
    #expect(state.path.hasPrefix("/s/cnnrepl/journal-\(getpid())-"))
    #expect(state.path.hasSuffix(".cnn"))
    #expect(state.checkpointPath == String(state.path.dropLast(4)) + ".safetensors")
    #expect(CommandJournal.standard(environment: ["HOME": "/h"])?.folder == "/h/.cnnrepl")
    #expect(CommandJournal.standard(environment: [:]) == nil)
  }

  @Test func beginCreatesAnOwnerOnlyStateFolderAndFile() throws {
    let base = Self.folder()
    let journal = try #require(CommandJournal.standard(environment: ["XDG_STATE_HOME": base]))
    journal.begin()
    journal.record("seed 3")
    #expect(CommandJournal.commands(at: journal.path) == ["seed 3"])
    let folderMode = try FileManager.default.attributesOfItem(atPath: journal.folder)[
      .posixPermissions] as? Int
    let fileMode = try FileManager.default.attributesOfItem(atPath: journal.path)[
      .posixPermissions] as? Int
    #expect(folderMode == 0o700)
    #expect(fileMode == 0o600)
    journal.remove()
  }
}
