import Foundation

/// The journal of an interactive session's commands.
///
/// Every command is appended (and `fsync`ed) to a file before it runs, so an SSH drop,
/// `kill -9` or a crash loses nothing: the next start offers to replay it. A clean quit
/// removes the file.
///
/// The file is a `.cnn` script: a `#` header, then one command per line. Its place:
/// `$XDG_STATE_HOME/cnnrepl/journal.cnn` when that variable is set, else `~/.cnnrepl_journal`.
public final class CommandJournal {
  public let path: String
  private var handle: FileHandle?
  /// Set by ``begin()``: only a journal this session started is removed.
  private var began = false

  public init(path: String) { self.path = path }

  /// The journal for `environment` (nil without `HOME` or `XDG_STATE_HOME`).
  public static func standard(environment: [String: String]) -> CommandJournal? {
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      return CommandJournal(path: (state as NSString).appendingPathComponent("cnnrepl/journal.cnn"))
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return CommandJournal(path: (home as NSString).appendingPathComponent(".cnnrepl_journal"))
  }

  /// The commands left by a session that did not quit cleanly (comments and blanks dropped);
  /// empty when there is no journal.
  public func leftOver() -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init).filter {
      !CommandParser.words(of: $0).isEmpty
    }
  }

  /// Starts a fresh journal, replacing any old one.
  ///
  /// Failures are silent: the session works without a journal.
  public func begin() {
    close()
    began = true
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let header = "# cnnrepl \(CnnreplVersion.string) journal; `cnnrepl` offers to replay it\n"
    guard FileManager.default.createFile(atPath: path, contents: Data(header.utf8)) else { return }
    handle = FileHandle(forWritingAtPath: path)
    _ = try? handle?.seekToEnd()
  }

  /// Appends `line` and flushes it to the disk before returning.
  public func record(_ line: String) {
    guard let handle else { return }
    let text = line.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty, !text.contains("\n") else { return }
    try? handle.write(contentsOf: Data((text + "\n").utf8))
    try? handle.synchronize()
  }

  /// Deletes the journal this session began (a clean quit); a left-over journal whose
  /// recovery offer was not answered stays for the next start.
  public func remove() {
    close()
    guard began else { return }
    try? FileManager.default.removeItem(atPath: path)
  }

  public func close() {
    try? handle?.close()
    handle = nil
  }
}
