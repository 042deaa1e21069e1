import Foundation
import FrontEnds
import Repl
import ReplTestSupport
import Testing

/// Files of versions before 0.2 (`~/.cnnrepl_history`, `~/.cnnrepl/`) move to the XDG state
/// folder once, with a notice; nothing is overwritten and nothing moves twice.
@Suite struct LegacyStateMigrationTests {
  static func write(_ text: String, _ path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

  @Test func historyAndJournalsMoveOnceWithANotice() throws {
    let home = Paths.temporaryFolder("cnnrepl-home").path
    let locations = StandardLocations(environment: ["HOME": home])
    let old = home + "/.cnnrepl"
    try FileManager.default.createDirectory(atPath: old, withIntermediateDirectories: true)
    try Self.write("seed 1\n", home + "/.cnnrepl_history")
    try Self.write("conv 8 3\n", old + "/journal-1-1.cnn")
    try Self.write("weights", old + "/journal-1-1.safetensors")
    try Self.write("not ours", old + "/notes.txt")

    let notice = LegacyStateMigration.run(locations)
    #expect(
      notice == [
        "moved ~/.cnnrepl_history and 2 journal files from ~/.cnnrepl to ~/.local/state/cnnrepl"
          + " (the XDG state folder; done once)"
      ])
    let state = try #require(locations.stateFolder)
    #expect(Self.read(state + "/history") == "seed 1\n")
    let historyMode = try FileManager.default.attributesOfItem(atPath: state + "/history")[
      .posixPermissions] as? Int
    #expect(historyMode == 0o600)
    #expect(Self.read(state + "/journal-1-1.cnn") == "conv 8 3\n")
    #expect(Self.read(state + "/journal-1-1.safetensors") == "weights")
    #expect(Self.read(home + "/.cnnrepl_history") == nil)
    // What is not cnnrepl's stays, and so does its folder.
    #expect(Self.read(old + "/notes.txt") == "not ours")
    let mode = try FileManager.default.attributesOfItem(atPath: state)[.posixPermissions] as? Int
    #expect(mode == 0o700)
    // Done once: a second start moves nothing and says nothing.
    #expect(LegacyStateMigration.run(locations).isEmpty)
  }

  @Test func aTakenNameIsNeverOverwrittenAndTheEmptyOldFolderGoes() throws {
    let home = Paths.temporaryFolder("cnnrepl-home").path
    let locations = StandardLocations(environment: ["HOME": home])
    let state = try #require(locations.stateFolder)
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: home + "/.cnnrepl", withIntermediateDirectories: true)
    try Self.write("new\n", state + "/history")
    try Self.write("old\n", home + "/.cnnrepl_history")
    #expect(LegacyStateMigration.run(locations).isEmpty)
    #expect(Self.read(state + "/history") == "new\n")
    #expect(Self.read(home + "/.cnnrepl_history") == "old\n")
    #expect(!FileManager.default.fileExists(atPath: home + "/.cnnrepl"))
  }

  @Test func aLinkIsNotFollowedAndALockedJournalStays() throws {
    let home = Paths.temporaryFolder("cnnrepl-home").path
    let locations = StandardLocations(environment: ["HOME": home])
    let target = home + "/secret"
    try Self.write("secret\n", target)
    try FileManager.default.createSymbolicLink(atPath: home + "/.cnnrepl_history", withDestinationPath: target)
    try FileManager.default.createDirectory(atPath: home + "/.cnnrepl", withIntermediateDirectories: true)
    let held = home + "/.cnnrepl/journal-9-9.cnn"
    try Self.write("seed 9\n", held)
    let fd = open(held, O_RDONLY)
    #expect(flock(fd, LOCK_EX) == 0)  // an older cnnrepl still running
    defer { close(fd) }
    #expect(LegacyStateMigration.run(locations).isEmpty)
    #expect(Self.read(held) == "seed 9\n")
    let state = try #require(locations.historyFile)
    #expect(!FileManager.default.fileExists(atPath: state))
  }

  @Test func theHistoryPathNeedsASafeStateFolder() throws {
    let home = Paths.temporaryFolder("cnnrepl-home").path
    let locations = StandardLocations(environment: ["HOME": home])
    #expect(LegacyStateMigration.historyPath(locations) == home + "/.local/state/cnnrepl/history")
    #expect(LegacyStateMigration.historyPath(StandardLocations(environment: [:])) == nil)
    let open = StandardLocations(environment: ["HOME": home, "XDG_STATE_HOME": home + "/shared"])
    try FileManager.default.createDirectory(
      atPath: home + "/shared/cnnrepl", withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o777])
    chmod(home + "/shared/cnnrepl", 0o777)
    #expect(LegacyStateMigration.historyPath(open) == nil)
  }
}
