import Foundation

/// The folder cnnrepl keeps its journals and autosaved weights in, made and checked so that no
/// other user can plant or read anything there.
///
/// Created owner-only (0700) when missing; an existing one must be a real folder (not a link),
/// owned by this user and writable by nobody else, or it is refused (no journal this session)
/// with a reason the start-up notice shows.
enum StateFolder {
  /// nil when `path` is safe to use (created if needed), else why not.
  static func prepare(_ path: String) -> String? {
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty {
      try? FileManager.default.createDirectory(
        atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
    if mkdir(path, 0o700) != 0, errno != EEXIST {
      return "cannot create \(path): \(String(cString: strerror(errno)))"
    }
    var info = stat()
    guard lstat(path, &info) == 0 else { return "cannot read \(path)" }
    guard info.st_mode & S_IFMT == S_IFDIR else { return "\(path) is not a folder (a link?)" }
    guard info.st_uid == getuid() else { return "\(path) belongs to another user" }
    guard info.st_mode & 0o022 == 0 else {
      return String(format: "%@ is writable by others (mode %o); `chmod 700` it", path, info.st_mode & 0o777)
    }
    return nil
  }
}
