import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Who is at the other end of a share socket, as the kernel says (`SO_PEERCRED`), never as the
/// peer says: the user id of the process that listens on it, and that user's name.
///
/// Any local user can create a socket called `cs101.sock` in their own `/tmp/cnnrepl-UID`
/// folder; the name proves nothing, the uid does. A watcher shows it before the teacher's
/// first cell, and says so plainly when it is another user than the watcher.
public struct SharePeer: Sendable, Equatable {
  /// The user id of the process at the other end.
  public var uid: uid_t
  /// Its process id.
  public var pid: pid_t
  /// The user's name from the password file (nil when it has no entry for `uid`).
  public var userName: String?

  public init(uid: uid_t, pid: pid_t, userName: String?) {
    self.uid = uid
    self.pid = pid
    self.userName = userName
  }

  /// The credentials of the process connected to `fd` (a connected Unix socket).
  public static func of(socket fd: Int32) throws(ShareError) -> SharePeer {
    var credentials = PeerCredentials()
    var length = socklen_t(MemoryLayout<PeerCredentials>.size)
    guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else {
      throw .system(
        call: "getsockopt SO_PEERCRED", path: "the share's socket",
        message: String(cString: strerror(errno)))
    }
    return SharePeer(
      uid: credentials.uid, pid: credentials.pid, userName: userName(of: credentials.uid))
  }

  /// The login name of `uid` (`getpwuid_r`), or nil.
  public static func userName(of uid: uid_t) -> String? {
    var entry = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 4096)
    let status = buffer.withUnsafeMutableBufferPointer { raw -> Int32 in
      guard let base = raw.baseAddress else { return ERANGE }
      return getpwuid_r(uid, &entry, base, raw.count, &result)
    }
    guard status == 0, result != nil, let name = entry.pw_name else { return nil }
    return String(cString: name)
  }

  /// `alice (uid 1001)`, or `uid 1001` when the user has no name.
  public var who: String {
    guard let userName else { return "uid \(uid)" }
    return "\(userName) (uid \(uid))"
  }

  /// Whether the share belongs to `viewer` (by default this process's user).
  public func isOwned(by viewer: uid_t = getuid()) -> Bool { uid == viewer }

  /// What a watcher shows before the teacher's first cell: whose share it is, and a warning
  /// when that is another user than `viewer`.
  public func notice(share name: String, viewer: uid_t = getuid()) -> [String] {
    guard !isOwned(by: viewer) else { return ["watching `\(name)`, shared by you, \(who)"] }
    return [
      "watching `\(name)`, shared by \(who): another user, not you",
      "check that this is your teacher; `fork` shows their script and asks before running it",
    ]
  }
}

/// Linux's `struct ucred` (what `SO_PEERCRED` fills), which Glibc's Swift module leaves out
/// without `_GNU_SOURCE`: the peer's pid, uid and gid.
private struct PeerCredentials {
  var pid: pid_t = 0
  var uid: uid_t = 0
  var gid: gid_t = 0
}
