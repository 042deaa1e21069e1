import Foundation
import Repl

/// Moves what versions before 0.2 kept in the home folder to the XDG state folder, once:
/// `~/.cnnrepl_history` becomes `STATE/history`, and the journals and autosaved weights in
/// `~/.cnnrepl/` move into `STATE/` (the emptied `~/.cnnrepl` is removed).
///
/// Nothing is overwritten: a file whose new name is taken stays where it is. Only this user's
/// regular files are moved (never a link, never a journal another cnnrepl still holds), and
/// only into a state folder ``StateFolder`` accepts. Moving is a `rename`, so it stays on one
/// file system; across file systems the old files stay and are still not lost.
public enum LegacyStateMigration {
  /// Moves what can be moved; returns the notice for the start-up (empty when nothing moved).
  public static func run(_ locations: StandardLocations) -> [String] {
    guard let state = locations.stateFolder else { return [] }
    var movedHistory = false
    var movedJournalFiles = 0
    let hasHistory = locations.legacyHistoryFile.map(isOwnRegularFile) ?? false
    let oldFolder = locations.legacyStateFolder.flatMap { isOwnFolder($0) ? $0 : nil }
    guard hasHistory || oldFolder != nil, oldFolder != state else { return [] }
    guard StateFolder.prepare(state) == nil else { return [] }
    if hasHistory, let old = locations.legacyHistoryFile, let new = locations.historyFile {
      movedHistory = moveIfFree(old, to: new)
      if movedHistory { chmod(new, 0o600) }  // private, as a new history is
    }
    if let oldFolder {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: oldFolder)) ?? []
      for name in names.sorted() where name.hasPrefix(CommandJournal.prefix) {
        let old = (oldFolder as NSString).appendingPathComponent(name)
        guard isOwnRegularFile(old), !isLockedJournal(old) else { continue }
        if moveIfFree(old, to: (state as NSString).appendingPathComponent(name)) {
          movedJournalFiles += 1
        }
      }
      rmdir(oldFolder)  // only when empty
    }
    var moved: [String] = []
    if movedHistory, let old = locations.legacyHistoryFile { moved.append(locations.abbreviated(old)) }
    if movedJournalFiles > 0, let oldFolder {
      let files = movedJournalFiles == 1 ? "1 journal file" : "\(movedJournalFiles) journal files"
      moved.append("\(files) from \(locations.abbreviated(oldFolder))")
    }
    guard !moved.isEmpty else { return [] }
    return [
      "moved \(moved.joined(separator: " and ")) to \(locations.abbreviated(state))"
        + " (the XDG state folder; done once)"
    ]
  }

  /// The line-mode history file, its folder made safe first; nil (history in memory only)
  /// when there is no state folder or it is refused.
  public static func historyPath(_ locations: StandardLocations) -> String? {
    guard let state = locations.stateFolder, StateFolder.prepare(state) == nil else { return nil }
    return locations.historyFile
  }

  private static func moveIfFree(_ old: String, to new: String) -> Bool {
    var info = stat()
    guard lstat(new, &info) != 0 else { return false }  // taken: leave the old one
    return rename(old, new) == 0
  }

  private static func isOwnRegularFile(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_uid == getuid()
  }

  private static func isOwnFolder(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && info.st_uid == getuid()
  }

  /// Whether a running cnnrepl (an older one too) holds `path`'s lock.
  private static func isLockedJournal(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return true }
    defer { close(fd) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return true }
    flock(fd, LOCK_UN)
    return false
  }
}
