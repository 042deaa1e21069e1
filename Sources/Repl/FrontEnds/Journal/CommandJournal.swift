import Foundation
import ModelFiles
import Repl

/// The crash journal of one interactive cnnrepl process.
///
/// Every command is appended (and `fsync`ed) before it runs, so an SSH drop, `kill -9` or a
/// crash loses nothing; the next start says so and `recover` replays it. A clean quit removes
/// it.
///
/// Each process has its own file, `journal-<pid>-<time>.cnn`, in the state folder
/// (``StandardLocations/stateFolder``: `$XDG_STATE_HOME/cnnrepl`, else
/// `~/.local/state/cnnrepl`), and holds an exclusive `flock` on it while
/// it runs. A journal nobody holds was left by a process that is gone: ``claimLeftOvers()``
/// locks every such journal for this process, so two cnnrepl running side by side never take
/// each other's. The claimed journals stay on the disk until this process quits cleanly
/// (``remove()``): a second crash before that leaves them for the next start, beside this
/// process's own. `--autosave` weights go beside a journal as `journal-<pid>-<time>.safetensors`.
///
/// Thread-safe: the session queue records while the main thread may remove at exit.
public final class CommandJournal: @unchecked Sendable {
  /// The state folder holding every process's journal.
  public let folder: String
  /// This process's journal.
  public let path: String
  private let lock = NSLock()
  /// Open and locked from ``begin()`` on; -1 before.
  private var descriptor: Int32 = -1
  /// Left-over journals this process locked (newest first), each with its open descriptor.
  private var claimed: [(journal: LeftOverJournal, descriptor: Int32)] = []

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

  /// The journal for `environment`, in its state folder (nil without an absolute `HOME` or
  /// `XDG_STATE_HOME`).
  public static func standard(environment: [String: String]) -> CommandJournal? {
    StandardLocations(environment: environment).stateFolder.map { CommandJournal(folder: $0) }
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

  /// Whether `line` is kept out of the journal: `recover` itself (replaying it from a journal
  /// would replay another journal); the commands it replays are journaled one by one instead.
  public static func isUnjournaled(_ line: String) -> Bool {
    CommandParser.words(of: line).first?.lowercased() == RecoverCommand.spec.name
  }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  // MARK: - Left-over journals

  /// Every journal in the folder that no running process holds, newest first, now locked by
  /// this process until it exits (so a third cnnrepl starting meanwhile does not list them
  /// too). Journals with nothing to recover are deleted. Calling it again keeps those and
  /// adds any that became free since.
  public func claimLeftOvers() -> [LeftOverJournal] {
    locked {
      guard refusal == nil else { return [] }  // an unsafe folder is not read either
      let held = Set(claimed.map(\.journal.path))
      for candidate in leftOverCandidates() where !held.contains(candidate.path) {
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
        if journal.commands.isEmpty, journal.checkpoint == nil {
          unlink(journal.path)  // nothing to recover
          Foundation.close(fd)
          continue
        }
        claimed.append((journal, fd))
      }
      claimed.sort { Self.isNewer($0.journal, than: $1.journal) }
      return claimed.map(\.journal)
    }
  }

  /// Journal files in the folder other than this process's.
  private func leftOverCandidates() -> [(path: String, modified: Date)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(".\(Self.fileExtension)") }
      .map { (folder as NSString).appendingPathComponent($0) }
      .filter { $0 != path }
      .map { candidate in
        let attributes = try? FileManager.default.attributesOfItem(atPath: candidate)
        return (candidate, attributes?[.modificationDate] as? Date ?? .distantPast)
      }
  }

  /// Newest first; the same time falls back to the name (`journal-<pid>-<time>`).
  private static func isNewer(_ a: LeftOverJournal, than b: LeftOverJournal) -> Bool {
    a.modified != b.modified ? a.modified > b.modified : a.path > b.path
  }

  /// Gives `leftOver`'s autosaved weights this session's ``checkpointPath`` too (a hard link,
  /// else a copy), so a crash of this session still has them, and returns the path to load;
  /// nil when it has none. The left-over's own file stays until ``remove()``.
  public func adoptCheckpoint(of leftOver: LeftOverJournal) -> String? {
    guard let checkpoint = leftOver.checkpoint else { return nil }
    return locked {
      unlink(checkpointPath)
      if link(checkpoint, checkpointPath) == 0 { return checkpointPath }
      if (try? FileManager.default.copyItem(atPath: checkpoint, toPath: checkpointPath)) != nil {
        return checkpointPath
      }
      return checkpoint
    }
  }

  // MARK: - This process's journal

  /// Whether ``begin()`` opened the journal.
  public var isOpen: Bool { locked { descriptor >= 0 } }

  /// Why the state folder was refused at ``begin()`` (nil: it is in use, or not yet checked).
  public private(set) var refusal: String?

  /// Creates this process's journal (owner-only, in a folder made owner-only) and locks it.
  ///
  /// The state folder must be this user's and writable by nobody else (``StateFolder``); else
  /// the session goes on without a journal and the returned line says why. The file is created
  /// exclusively under an unpredictable hidden name (never through a planted link), locked,
  /// then renamed into place, so no other process ever sees it unlocked. Other failures are
  /// silent: the session works without a journal.
  @discardableResult
  public func begin() -> String? {
    locked {
      guard descriptor < 0 else { return nil }
      if let reason = StateFolder.prepare(folder) {
        refusal = reason
        return "no crash journal this session: \(reason)"
      }
      var template = TemporaryFile.template(in: folder, for: (path as NSString).lastPathComponent)
      let fd = TemporaryFile.create(&template)
      guard fd >= 0 else { return nil }
      let hidden = String(cString: template)
      guard flock(fd, LOCK_EX | LOCK_NB) == 0, rename(hidden, path) == 0 else {
        Foundation.close(fd)
        unlink(hidden)
        return nil
      }
      descriptor = fd
      write(
        "# cnnrepl \(CnnreplVersion.string) journal; `recover` in the next cnnrepl replays it\n")
      return nil
    }
  }

  /// Appends `line` and flushes it to the disk before returning (not `recover`, see
  /// ``isUnjournaled(_:)``).
  public func record(_ line: String) {
    let text = line.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty, !text.contains("\n"), !Self.isUnjournaled(text) else { return }
    locked { write(text + "\n") }
  }

  /// Writes `text` to the open journal; call with the lock held.
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

  /// A clean quit: deletes this process's journal and autosaved weights, and the left-over
  /// journals it claimed (announced at start, recovered or not) with theirs.
  public func remove() {
    locked {
      if descriptor >= 0 {
        unlink(path)
        unlink(checkpointPath)
      }
      for (journal, _) in claimed {
        unlink(journal.path)
        if let checkpoint = journal.checkpoint { unlink(checkpoint) }
      }
    }
    close()
  }

  /// Closes the files and lets the locks go: everything stays for the next start (an unclean
  /// end).
  public func close() {
    locked {
      if descriptor >= 0 { Foundation.close(descriptor) }
      descriptor = -1
      for (_, fd) in claimed { Foundation.close(fd) }
      claimed = []
    }
  }

  deinit { close() }
}
