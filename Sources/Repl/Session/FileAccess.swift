import Datasets
import Foundation

/// Reading and writing the session's files with errors a student can act on.
///
/// Writes go to a temporary file in the same folder and are renamed over the target, so a
/// crash or a full disk never leaves half a file behind.
public enum FileAccess {
  /// Opens `path` for reading after checking it is a regular file within `limit`
  /// (``Datasets/FileSizeLimit/open(_:)``), for readers that check a header before the rest.
  public static func openFile(_ path: String, limit: FileSizeLimit, command: String)
    throws(CommandError) -> OpenedFile
  {
    do { return try limit.open(path) } catch {
      throw refusal(error, command: command)
    }
  }

  /// The whole file at `path`, refused unread when bigger than `limit`.
  public static func readData(_ path: String, limit: FileSizeLimit, command: String)
    throws(CommandError) -> Data
  {
    let file = try openFile(path, limit: limit, command: command)
    return try read(file, at: 0, count: file.size, command: command)
  }

  /// `count` bytes of `file` from `offset`, as ``Datasets/OpenedFile/bytes(at:count:)`` reads them.
  public static func read(
    _ file: OpenedFile, at offset: Int, count: Int, command: String
  ) throws(CommandError) -> Data {
    do { return Data(try file.bytes(at: offset, count: count)) } catch {
      throw refusal(error, command: command)
    }
  }

  /// A script (``Datasets/FileSizeLimit/script``) as UTF-8 text.
  public static func readText(_ path: String, command: String) throws(CommandError) -> String {
    let data = try readData(path, limit: .script, command: command)
    guard let text = String(data: data, encoding: .utf8) else {
      throw .refused(
        command: command, problem: "`\(path)` is not UTF-8 text", hint: "give a .cnn script")
    }
    return text
  }

  /// `error` as a command's refusal, with what to do.
  static func refusal(_ error: FileReadError, command: String) -> CommandError {
    .refused(command: command, problem: error.problem, hint: error.hint)
  }

  /// Who may read a file cnnrepl writes.
  public enum Visibility: Sendable {
    /// What the user's umask allows (`save`, `export`: files to share).
    case shared
    /// The owner only, 0600 (autosaved weights, history, journals).
    case privateToOwner
  }

  /// Writes `data` to `path` through a temporary file and a rename.
  ///
  /// The temporary file is created exclusively under an unpredictable name in the target's
  /// folder (`mkstemp`, which never follows a link planted there), written, `fsync`ed and
  /// renamed over the target (a link at the target is replaced, not followed); the folder is
  /// then synced. Temporary files left by a killed cnnrepl (their process gone) are removed
  /// first; this write's own is removed when anything fails.
  public static func writeAtomically(
    _ data: Data, to path: String, command: String, visibility: Visibility = .shared
  ) throws(CommandError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw .refused(
        command: command, problem: "folder `\(folder.path)` does not exist", hint: "create it first"
      )
    }
    let name = url.lastPathComponent
    TemporaryFile.removeAbandoned(in: folder.path, for: name)
    func failure(_ reason: String) -> CommandError {
      .refused(
        command: command, problem: "cannot write `\(path)`: \(reason)",
        hint: "check the folder's permissions and free space")
    }
    var temporary = TemporaryFile.template(in: folder.path, for: name)
    let fd = TemporaryFile.create(&temporary)
    guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
    let temporaryPath = String(
      decoding: temporary.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var written = 0
    let ok = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
      while written < buffer.count {
        let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { return false }
        written += n
      }
      return true
    }
    let mode: mode_t = visibility == .privateToOwner ? 0o600 : 0o666 & ~currentUmask
    guard ok, fchmod(fd, mode) == 0, fsync(fd) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      unlink(temporaryPath)
      throw failure(reason)
    }
    close(fd)
    guard rename(temporaryPath, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw failure(reason)
    }
    let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }

  /// The process's umask, read from `/proc/self/status` (setting it to read it would race
  /// with other threads creating files); 022 when unknown.
  public static var currentUmask: mode_t {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
      let value = mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8)
    else { return 0o022 }
    return value
  }
}

extension FileAccess {
  /// Refuses to replace an existing file whose contents differ from `data`, unless `force`;
  /// refuses `force` itself where `confinement` does not allow it (a forked session).
  ///
  /// Every command that writes a file calls this first (pass the session's
  /// ``SessionOptions/writeConfinement``).
  public static func refuseOverwrite(
    _ path: String, with data: Data, force: Bool, confinement: WriteConfinement, command: String
  ) throws(CommandError) {
    try confinement.check(path, force: force, command: command)
    guard !force, FileManager.default.fileExists(atPath: path) else { return }
    // Compared only when the sizes agree: an existing file is never read past `data`'s size.
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    if size == data.count, FileManager.default.contents(atPath: path) == data { return }
    throw .refused(
      command: command, problem: "`\(path)` already exists with other contents",
      hint: "add force=yes to overwrite it, or choose another name")
  }

  /// What a command that writes one file does:
  /// ``refuseOverwrite(_:with:force:confinement:command:)``, then
  /// ``writeAtomically(_:to:command:visibility:)``.
  public static func writeFile(
    _ data: Data, to path: String, force: Bool, confinement: WriteConfinement, command: String
  ) throws(CommandError) {
    try refuseOverwrite(path, with: data, force: force, confinement: confinement, command: command)
    try writeAtomically(data, to: path, command: command)
  }
}

extension FileAccess {
  /// Makes the folder `path` (and its parents) if it is missing; refuses a path that is a
  /// file, or a folder that cannot be made.
  public static func makeFolder(_ path: String, command: String) throws(CommandError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw .refused(
          command: command, problem: "`\(path)` is a file, not a folder",
          hint: "choose a folder name")
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .refused(
        command: command, problem: "cannot create the folder `\(path)`",
        hint: "check the permissions of the folder above it")
    }
  }
}

extension FileAccess {
  /// How the output names a file just written: as typed inside the working folder, else its
  /// absolute path and `(outside the working folder)`, so a student sees where it went.
  public static func reportedPath(_ path: String) -> String {
    let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
      .standardizedFileURL.path
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    if absolute.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") { return path }
    return "\(absolute) (outside the working folder)"
  }
}
