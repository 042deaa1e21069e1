/// What can go wrong sharing or watching a session; each renders as `what is wrong; what to do`.
public enum ShareError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A system call on the socket or its folder failed (`errno` text included).
  case system(call: String, path: String, message: String)
  /// Another live teacher already shares under this name.
  case nameInUse(name: String, path: String)
  /// `--watch NAME` found no socket.
  case notFound(name: String, searched: [String])
  /// `--watch NAME` found more than one share of that name (`shares`: each path with its
  /// owner); a squatter's socket must never win by sorting first.
  case ambiguousName(name: String, shares: [String])
  /// A frame could not be decoded, or a number in it breaks a limit (the watcher disconnects).
  case malformedFrame(String)
  /// The teacher speaks another protocol version.
  case versionMismatch(teacher: Int, watcher: Int, teacherVersion: String)
  /// `--share-group` names no group.
  case unknownGroup(String)
  /// A share name with a slash or other characters that do not make a file name.
  case badName(String)

  public var description: String {
    switch self {
    case .system(let call, let path, let message):
      return "\(call) \(path): \(message); check the folder's owner and permissions"
    case .nameInUse(let name, let path):
      return "a session is already shared as `\(name)` (\(path)); pick another name: --share NAME"
    case .notFound(let name, let searched):
      return "no shared session `\(name)` (looked in \(searched.joined(separator: ", "))); "
        + "ask the teacher for the socket path and use --watch PATH"
    case .ambiguousName(let name, let shares):
      return "more than one shared session is called `\(name)`: \(shares.joined(separator: ", "))"
        + "; ask the teacher which one is theirs and use --watch PATH"
    case .malformedFrame(let detail):
      return "bad frame from the share (\(detail)); disconnected: watch with the same cnnrepl "
        + "as the teacher, and tell the teacher if it happens again"
    case .versionMismatch(let teacher, let watcher, let teacherVersion):
      return "the teacher's cnnrepl \(teacherVersion) shares with protocol \(teacher), this one "
        + "watches protocol \(watcher); run the same cnnrepl as the teacher"
    case .unknownGroup(let group):
      return "no group `\(group)` on this machine; name an existing group (see `getent group`)"
    case .badName(let name):
      return "`\(name)` is not a share name; use letters, digits, `-`, `_` or `.`"
    }
  }
}
