import Foundation
import FrontEnds
import Repl
import ReplTestSupport
import Testing

/// What a write leaves on the disk: the file and nothing else, never through a planted link,
/// private files private, and no temporary file of a killed save left behind for ever.
@Suite struct SafeWriteTests {
  private func mode(_ path: String) -> mode_t {
    var info = stat()
    #expect(lstat(path, &info) == 0)
    return info.st_mode & 0o777
  }

  private func entries(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  @Test func aLinkPlantedAtTheOldPredictableTemporaryNameIsNotFollowed() throws {
    let folder = Paths.temporaryFolder()
    let victim = folder.appendingPathComponent("victim.txt")
    try Data("keep me".utf8).write(to: victim)
    // The name the old writer used: `.NAME.PID.tmp`.
    let planted = folder.appendingPathComponent(".net.cnn.\(getpid()).tmp")
    #expect(symlink(victim.path, planted.path) == 0)
    let target = folder.appendingPathComponent("net.cnn").path
    try FileAccess.writeAtomically(Data("seed 1\n".utf8), to: target, command: "save")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "seed 1\n")
  }

  @Test func aLinkAtTheTargetIsReplacedNotWrittenThrough() throws {
    let folder = Paths.temporaryFolder()
    let victim = folder.appendingPathComponent("victim.txt")
    try Data("keep me".utf8).write(to: victim)
    let target = folder.appendingPathComponent("net.cnn").path
    #expect(symlink(victim.path, target) == 0)
    try FileAccess.writeAtomically(Data("seed 1\n".utf8), to: target, command: "save")
    #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me")
    var info = stat()
    #expect(lstat(target, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
  }

  @Test func aWriteLeavesOnlyItsFileAndPrivateFilesAreOwnerOnly() throws {
    let folder = Paths.temporaryFolder()
    let shared = folder.appendingPathComponent("a.cnn").path
    let secret = folder.appendingPathComponent("b.safetensors").path
    try FileAccess.writeAtomically(Data("x".utf8), to: shared, command: "save")
    try FileAccess.writeAtomically(
      Data("y".utf8), to: secret, command: "autosave", visibility: .privateToOwner)
    #expect(entries(folder) == ["a.cnn", "b.safetensors"])
    #expect(mode(secret) == 0o600)
    #expect(mode(shared) == 0o666 & ~FileAccess.currentUmask)
  }

  @Test func temporaryFilesOfAKilledSaveAreRemovedButNotThoseOfARunningOne() throws {
    let folder = Paths.temporaryFolder()
    // A process that is gone: spawn one and wait for it to end.
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let dead = folder.appendingPathComponent(".net.cnn.cnnrepl-\(gone.processIdentifier)-abcDEF")
    let alive = folder.appendingPathComponent(".net.cnn.cnnrepl-1-abcDEF")  // init never dies
    try Data("half".utf8).write(to: dead)
    try Data("half".utf8).write(to: alive)
    try FileAccess.writeAtomically(
      Data("seed 1\n".utf8), to: folder.appendingPathComponent("net.cnn").path, command: "save")
    #expect(entries(folder) == [".net.cnn.cnnrepl-1-abcDEF", "net.cnn"])
  }

  @Test func aStateFolderWritableByOthersOrALinkIsRefusedAndNotRead() throws {
    let base = Paths.temporaryFolder()
    let open = base.appendingPathComponent("open").path
    #expect(mkdir(open, 0o700) == 0 && chmod(open, 0o777) == 0)
    let journal = CommandJournal(folder: open, name: "journal-1-1")
    let warning = try #require(journal.begin())
    #expect(warning.contains("writable by others"))
    #expect(!journal.isOpen)
    #expect(journal.claimLeftOvers().isEmpty)
    #expect(entries(URL(fileURLWithPath: open)).isEmpty)

    let real = base.appendingPathComponent("real").path
    #expect(mkdir(real, 0o700) == 0)
    let link = base.appendingPathComponent("link").path
    #expect(symlink(real, link) == 0)
    let linked = CommandJournal(folder: link, name: "journal-1-1")
    #expect(linked.begin()?.contains("not a folder") == true)
    #expect(!linked.isOpen)
  }

  @Test func aNewStateFolderIsOwnerOnlyAndTheJournalPrivate() throws {
    let base = Paths.temporaryFolder()
    let folder = base.appendingPathComponent("state/cnnrepl").path
    let journal = CommandJournal(folder: folder, name: "journal-1-1")
    #expect(journal.begin() == nil)
    #expect(journal.isOpen)
    #expect(mode(folder) == 0o700)
    #expect(mode(journal.path) == 0o600)
    #expect(entries(URL(fileURLWithPath: folder)) == ["journal-1-1.cnn"])
    journal.remove()
  }

  @Test func theHistoryFileIsPrivateAndALinkThereIsNeverUsed() throws {
    let folder = Paths.temporaryFolder()
    let history = folder.appendingPathComponent("history").path
    _ = FileManager.default.createFile(
      atPath: history, contents: nil, attributes: [.posixPermissions: 0o644])
    let editor = ReadlineEditor(historyPath: history)
    #expect(editor.historyPath == history)
    #expect(mode(history) == 0o600)

    let victim = folder.appendingPathComponent("victim").path
    _ = FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
    let link = folder.appendingPathComponent("linked-history").path
    #expect(symlink(victim, link) == 0)
    #expect(ReadlineEditor(historyPath: link).historyPath == nil)
  }
}
