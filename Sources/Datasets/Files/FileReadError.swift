import Core

/// Why ``FileSizeLimit/open(_:)`` or an ``OpenedFile`` read refused a file.
///
/// A ``StudentFacingError``: `problem` is one line naming the file (`` `PATH` is 4.5 GiB, more
/// than the 2 GiB a data file may be``) and `hint` what to do (for a file too large, its
/// limit's ``FileSizeLimit/advice``); the REPL refuses with the two. Readers that name the file
/// themselves take the ``reason`` into their own error type (``DataFileError``,
/// ``ImageFileError``) with a hint of their own.
public enum FileReadError: StudentFacingError, Hashable, Sendable {
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
  public var reason: String {
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

  /// What is wrong, naming the file: `` no file `x.cnn` ``.
  public var problem: String {
    switch self {
    case .missing: "no file `\(path)`"
    case .folder: "`\(path)` is a folder"
    case .tooLarge: "`\(path)` is \(reason)"
    default: "`\(path)`: \(reason)"
    }
  }

  public var hint: String {
    switch self {
    case .missing: "check the name and the folder"
    case .folder: "give a file name"
    case .unreadable: "check its permissions"
    case .tooLarge(_, _, let limit): limit.advice
    case .notRegularFile: "give a file, not a device or a pipe"
    case .changed: "the file was changed while it was read; try again"
    }
  }
}
