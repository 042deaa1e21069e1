import Foundation
import FrontEnds
import Repl
import ReplTestSupport
import Testing

/// One journal per process, locked while it runs: written before each command, listed by the
/// next start only once its process is gone, kept until that start quits cleanly, removed by a
/// clean quit.
struct CommandJournalTests {
  static func folder() -> String { Paths.temporaryFolder("cnnrepl-journal").path }

  /// `journal.claimLeftOvers()`, tried for up to 3 s until it finds `count`: while other tests
  /// spawn processes, a child between its fork and its exec still holds a copy of a
  /// just-closed journal's lock.
  /// `until` adds a condition that must hold too.
  static func claim(
    _ journal: CommandJournal, count: Int = 1, until condition: () -> Bool = { true }
  ) -> [LeftOverJournal] {
    let deadline = Date().addingTimeInterval(3)
    while Date() < deadline {
      let claimed = journal.claimLeftOvers()
      if claimed.count >= count, condition() { return claimed }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return journal.claimLeftOvers()
  }

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  @Test func recordsCommandsAndReadsThemBack() throws {
    let journal = CommandJournal(folder: Self.folder(), name: "journal-1-1")
    journal.begin()
    journal.record("input 28x28x1")
    journal.record("   ")
    journal.record("conv 8 3 relu  ")
    #expect(CommandJournal.commands(at: journal.path) == ["input 28x28x1", "conv 8 3 relu"])
    journal.remove()
    #expect(!Self.exists(journal.path))
  }

  /// `recover` itself is not journaled (a later `recover` of this journal would replay another
  /// one); the commands it replays are, one by one.
  @Test func recoverIsNotJournaled() throws {
    let journal = CommandJournal(folder: Self.folder(), name: "journal-1-1")
    journal.begin()
    journal.record("seed 3")
    journal.record("recover")
    journal.record("  RECOVER 2")
    journal.record("input 8x8x1")
    #expect(CommandJournal.commands(at: journal.path) == ["seed 3", "input 8x8x1"])
    journal.remove()
  }

  @Test func aRunningSessionsJournalIsNotListedButAClosedOneIs() throws {
    let folder = Self.folder()
    let running = CommandJournal(folder: folder, name: "journal-1-1")
    running.begin()
    running.record("seed 3")
    let other = CommandJournal(folder: folder, name: "journal-2-2")
    other.begin()
    #expect(other.claimLeftOvers().isEmpty, "the lock says its process still runs")
    running.close()  // what the kernel does when the process dies (kill -9)
    let claimed = try #require(Self.claim(other).first)
    #expect(claimed.path == running.path)
    #expect(claimed.commands == ["seed 3"])
    #expect(claimed.checkpoint == nil)
    // While one session holds it, a third start does not list it.
    #expect(CommandJournal(folder: folder, name: "journal-3-3").claimLeftOvers().isEmpty)
    other.remove()  // a clean quit deletes what it claimed, recovered or not
    #expect(!Self.exists(running.path))
    #expect(!Self.exists(other.path))
  }

  /// A second crash before `recover` or `quit` loses nothing: the older left-over and the
  /// crashed session's own journal are both listed next time, newest first.
  @Test func aSecondCrashKeepsBothJournals() throws {
    let folder = Self.folder()
    let first = CommandJournal(folder: folder, name: "journal-1-1")
    first.begin()
    first.record("input 28x28x1")
    first.close()  // crash
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: first.path)

    let second = CommandJournal(folder: folder, name: "journal-2-2")
    second.begin()
    #expect(Self.claim(second).map(\.commands) == [["input 28x28x1"]])
    second.record("seed 5")
    second.close()  // crash again, before `recover` or `quit`
    #expect(Self.exists(first.path), "the unclean end keeps the left-over it claimed")

    let third = CommandJournal(folder: folder, name: "journal-3-3")
    third.begin()
    let listed = Self.claim(third, count: 2)
    #expect(listed.map(\.path) == [second.path, first.path])
    #expect(listed.map(\.commands) == [["seed 5"], ["input 28x28x1"]])
    third.remove()
    #expect(!Self.exists(first.path) && !Self.exists(second.path) && !Self.exists(third.path))
  }

  /// A program cnnrepl starts (tmux, python, an editor) must not inherit the journal: an
  /// inherited descriptor would hold its lock for the child's whole life, and the next start
  /// would take a crashed session's journal for a running one.
  @Test func programsStartedLaterDoNotInheritTheJournal() throws {
    let journal = CommandJournal(folder: Self.folder(), name: "journal-1-1")
    journal.begin()
    defer { journal.remove() }
    // posix_spawn, as tmux or readline's editor would be started (Foundation's Process closes
    // every descriptor itself, which would hide the leak).
    let listingPath = Self.folder() + "/fds.txt"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, listingPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let arguments = ["/bin/ls", "-l", "/proc/self/fd/"]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    #expect(posix_spawn(&pid, "/bin/ls", &actions, nil, &argv, environ) == 0)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let listing = (try? String(contentsOfFile: listingPath, encoding: .utf8)) ?? ""
    #expect(listing.contains("/proc/") || listing.contains("->"), "ls listed its descriptors")
    #expect(!listing.contains(journal.path), "the child holds no descriptor of the journal")
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
    let claimed = Self.claim(me, count: 2, until: { !Self.exists(empty.path) })
    #expect(claimed.map(\.commands) == [["seed 3"], ["seed 1"]])
    #expect(me.claimLeftOvers().count == 2, "asking again gives the same list")
    #expect(!Self.exists(empty.path), "an empty journal is deleted")
    me.close()
    #expect(Self.exists(old.path) && Self.exists(newer.path), "an unclean end keeps them")
  }

  @Test func autosavedWeightsComeWithTheirJournalAndAreSharedWithTheRecoveringSession() throws {
    let folder = Self.folder()
    let crashed = CommandJournal(folder: folder, name: "journal-1-1")
    crashed.begin()
    crashed.record("preset lenet5")
    try Data("weights".utf8).write(to: URL(fileURLWithPath: crashed.checkpointPath))
    crashed.close()
    let me = CommandJournal(folder: folder, name: "journal-2-2")
    me.begin()
    let claimed = try #require(Self.claim(me).first)
    #expect(claimed.checkpoint == crashed.checkpointPath)
    #expect(me.adoptCheckpoint(of: claimed) == me.checkpointPath)
    #expect(FileManager.default.contents(atPath: me.checkpointPath) == Data("weights".utf8))
    #expect(Self.exists(crashed.checkpointPath), "the left-over keeps its own until quit")
    // This session's autosave replaces its file (temp + rename): the left-over's stays.
    try Data("newer".utf8).write(to: URL(fileURLWithPath: me.checkpointPath), options: .atomic)
    #expect(FileManager.default.contents(atPath: crashed.checkpointPath) == Data("weights".utf8))
    me.remove()  // a clean quit deletes the session's autosave and the left-over's
    #expect(!Self.exists(me.checkpointPath))
    #expect(!Self.exists(crashed.checkpointPath))
  }

  @Test func placeFollowsXDGStateHomeThenTheXDGDefault() throws {
    let state = try #require(
      CommandJournal.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]))
    #expect(state.folder == "/s/cnnrepl")
    #expect(state.path.hasPrefix("/s/cnnrepl/journal-\(getpid())-"))
    #expect(state.path.hasSuffix(".cnn"))
    #expect(state.checkpointPath == String(state.path.dropLast(4)) + ".safetensors")
    #expect(
      CommandJournal.standard(environment: ["HOME": "/h"])?.folder == "/h/.local/state/cnnrepl")
    // XDG: an empty or relative variable is ignored.
    #expect(
      CommandJournal.standard(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])?.folder
        == "/h/.local/state/cnnrepl")
    #expect(CommandJournal.standard(environment: [:]) == nil)
    #expect(CommandJournal.standard(environment: ["HOME": ""]) == nil)
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
