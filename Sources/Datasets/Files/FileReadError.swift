/// Why ``FileSizeLimit/open(_:)`` or an ``OpenedFile`` read refused a file.
///
/// `description` is one line naming the file: `` `PATH` is 4.5 GiB, more than the 2 GiB a data
/// file may be``. Readers turn it into their own error type (``DataFileError``,
/// ``ImageFileError``, the REPL's command errors) with a hint of their own.
public enum FileReadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No file at that path.
  case missing(path: String)
  /// The path is a folder.
  case folder(path: String)
  /// A device, a FIFO or a socket: no size to check, possibly endless.
  case notRegularFile(path: String)
  /// The system refused to open or read it (a permission, an I/O error).
  case unreadable(path: String, reason: String)
  /// Bigger than the limit of its kind.
  case tooLarge(path: String, bytes: Int, limit: FileSizeLimit)
  /// The file ended before the size it had when it was opened.
  case changed(path: String)

  public var path: String {
    switch self {
    case .missing(let path), .folder(let path), .notRegularFile(let path), .changed(let path):
      path
    case .unreadable(let path, _), .tooLarge(let path, _, _): path
    }
  }

  /// What is wrong, without the file's name (for errors that put the name first).
  public var problem: String {
    switch self {
    case .missing: "no such file"
    case .folder: "it is a folder"
    case .notRegularFile: "not a regular file (a device, a pipe or a socket)"
    case .unreadable(_, let reason): reason
    case let .tooLarge(_, bytes, limit):
      "\(FileSizeLimit.describe(bytes)), more than the "
        + "\(FileSizeLimit.describe(limit.maximumBytes)) \(limit.kind) may be"
    case .changed: "it changed while it was read"
    }
  }

  public var description: String {
    switch self {
    case .missing: "no file `\(path)`"
    case .folder: "`\(path)` is a folder"
    case .tooLarge: "`\(path)` is \(problem)"
    default: "`\(path)`: \(problem)"
    }
  }
}
