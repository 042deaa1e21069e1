import Foundation

/// The crash journal of one interactive cnnrepl process.
///
/// Every command is appended (and `fsync`ed) before it runs, so an SSH drop, `kill -9` or a
/// crash loses nothing; the next start offers to replay it. A clean quit removes it.
///
/// Each process has its own file, `journal-<pid>-<time>.cnn`, in the state folder
/// (`$XDG_STATE_HOME/cnnrepl`, else `~/.cnnrepl`), and holds an exclusive `flock` on it while
/// it runs. A journal nobody holds was left by a process that is gone: that is what
/// ``claimLeftOver()`` offers, so two cnnrepl running side by side never take each other's.
/// `--autosave` weights go beside it as `journal-<pid>-<time>.safetensors`.
public final class CommandJournal {
  /// The state folder holding every process's journal.
  public let folder: String
  /// This process's journal.
  public let path: String
  /// Open and locked from ``begin()`` on; -1 before.
  private var descriptor: Int32 = -1
  /// A left-over journal this process locked while it offers it.
  private var claimed: (journal: LeftOverJournal, descriptor: Int32)?

  /// The journal file's name prefix and extension.
  public static let prefix = "journal-"
  public static let fileExtension = "cnn"

  /// `name` (without extension) defaults to `journal-<pid>-<unix time>`, unique per process.
  public init(folder: String, name: String? = nil) {
    self.folder = folder
    let stem =
      name
      ?? "\(Self.prefix)\(ProcessInfo.processInfo.processIdentifier)-\(Int(Date().timeIntervalSince1970))"
    path = (folder as NSString).appendingPathComponent("\(stem).\(Self.fileExtension)")
  }

  /// The journal for `environment` (nil without `HOME` or `XDG_STATE_HOME`).
  public static func standard(environment: [String: String]) -> CommandJournal? {
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      return CommandJournal(folder: (state as NSString).appendingPathComponent("cnnrepl"))
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return CommandJournal(folder: (home as NSString).appendingPathComponent(".cnnrepl"))
  }

  /// Where `--autosave` writes this session's weights.
  public var checkpointPath: String { Self.checkpointPath(forJournal: path) }

  static func checkpointPath(forJournal path: String) -> String {
    ((path as NSString).deletingPathExtension as NSString).appendingPathExtension("safetensors")
      ?? path + ".safetensors"
  }

  /// The commands of the journal at `path` (comments and blank lines dropped); empty when it
  /// cannot be read.
  public static func commands(at path: String) -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init).filter {
      !CommandParser.words(of: $0).isEmpty
    }
  }

  // MARK: - Left-over journals

  /// The newest journal in the folder that no running process holds, now locked by this one
  /// until ``discardClaimed()`` (so a third cnnrepl starting meanwhile does not offer it too);
  /// nil when there is none.
  public func claimLeftOver() -> LeftOverJournal? {
    if let claimed { return claimed.journal }
    for candidate in leftOverCandidates() {
      let fd = open(candidate.path, O_RDWR | O_CLOEXEC)
      guard fd >= 0 else { continue }
      guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
        Foundation.close(fd)  // a running cnnrepl holds it
        continue
      }
      let checkpoint = Self.checkpointPath(forJournal: candidate.path)
      let journal = LeftOverJournal(
        path: candidate.path, commands: Self.commands(at: candidate.path),
        checkpoint: FileManager.default.fileExists(atPath: checkpoint) ? checkpoint : nil,
        modified: candidate.modified)
      claimed = (journal, fd)
      if journal.commands.isEmpty, journal.checkpoint == nil {
        discardClaimed()  // nothing to recover
        continue
      }
      return journal
    }
    return nil
  }

  /// Journal files in the folder other than this process's, newest first.
  private func leftOverCandidates() -> [(path: String, modified: Date)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(".\(Self.fileExtension)") }
      .map { (folder as NSString).appendingPathComponent($0) }
      .filter { $0 != path }
      .map { candidate in
        let attributes = try? FileManager.default.attributesOfItem(atPath: candidate)
        return (candidate, attributes?[.modificationDate] as? Date ?? .distantPast)
      }
      .sorted { $0.modified > $1.modified }
  }

  /// Moves the claimed journal's autosaved weights to this session's ``checkpointPath`` (so a
  /// second crash still has them) and returns that path; nil when it had none.
  public func adoptClaimedCheckpoint() -> String? {
    guard let checkpoint = claimed?.journal.checkpoint else { return nil }
    guard rename(checkpoint, checkpointPath) == 0 else { return nil }
    return checkpointPath
  }

  /// Deletes the claimed journal (replayed, or refused) and its weights, and lets it go.
  public func discardClaimed() {
    guard let claimed else { return }
    unlink(claimed.journal.path)
    if let checkpoint = claimed.journal.checkpoint { unlink(checkpoint) }
    Foundation.close(claimed.descriptor)
    self.claimed = nil
  }

  // MARK: - This process's journal

  /// Whether ``begin()`` opened the journal.
  public var isOpen: Bool { descriptor >= 0 }

  /// Creates this process's journal (owner-only, in a folder made owner-only) and locks it.
  ///
  /// The file is written and locked under a hidden name, then renamed into place, so no other
  /// process ever sees it unlocked. Failures are silent: the session works without a journal.
  public func begin() {
    guard descriptor < 0 else { return }
    try? FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    let name = (path as NSString).lastPathComponent
    let hidden = (folder as NSString).appendingPathComponent(".\(name).new")
    let fd = open(hidden, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0, rename(hidden, path) == 0 else {
      Foundation.close(fd)
      unlink(hidden)
      return
    }
    descriptor = fd
    write("# cnnrepl \(CnnreplVersion.string) journal; `cnnrepl` offers to replay it\n")
  }

  /// Appends `line` and flushes it to the disk before returning.
  public func record(_ line: String) {
    let text = line.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty, !text.contains("\n") else { return }
    write(text + "\n")
  }

  private func write(_ text: String) {
    guard descriptor >= 0 else { return }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress, $0.count)
      }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { return }
      offset += written
    }
    fsync(descriptor)
  }

  /// A clean quit: deletes this process's journal and autosaved weights. A left-over journal
  /// still being offered stays for the next start.
  public func remove() {
    if descriptor >= 0 {
      unlink(path)
      unlink(checkpointPath)
    }
    close()
  }

  /// Closes the files (the journal stays for the next start: an unclean end).
  public func close() {
    if descriptor >= 0 { Foundation.close(descriptor) }
    descriptor = -1
    if let claimed { Foundation.close(claimed.descriptor) }
    claimed = nil
  }

  deinit { close() }
}
