import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where shared sessions live and the Unix-socket calls around them.
///
/// - `--share NAME`: `$XDG_RUNTIME_DIR/cnnrepl/NAME.sock`, folder 0700 and socket 0600, so
///   only the teacher's own user can watch (the runtime folder itself is private);
///   without `XDG_RUNTIME_DIR`, `/tmp/cnnrepl-UID/`.
/// - `--share NAME --share-group G`: `/tmp/cnnrepl-UID/NAME.sock`, folder 0750 and socket
///   0660 owned by group G, so members of G (and nobody else) can connect.
///
/// Connecting to a Unix socket needs write permission on it and search permission on every
/// folder above it; that is the whole access control.
public enum ShareSocket {
  /// The name `--share` and `--watch` use when none is given.
  public static let defaultName = "class"

  /// Letters, digits, `-`, `_`, `.`; not starting with a dot; at most 64 characters.
  public static func validate(name: String) throws(ShareError) {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    guard !name.isEmpty, name.count <= 64, !name.hasPrefix("."), name.allSatisfy(allowed.contains)
    else { throw .badName(name) }
  }

  /// The folder for this user's shared sockets.
  public static func folder(forGroup: Bool, environment: [String: String]) -> String {
    if !forGroup, let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty,
      FileManager.default.fileExists(atPath: runtime)
    {
      return runtime + "/cnnrepl"
    }
    return "/tmp/cnnrepl-\(getuid())"
  }

  /// Where `--watch NAME` looks, in order: the private folder, this user's `/tmp` folder, then
  /// every other user's `/tmp/cnnrepl-UID` folder (group shares).
  public static func candidates(name: String, environment: [String: String]) -> [String] {
    var folders = [
      folder(forGroup: false, environment: environment),
      folder(forGroup: true, environment: environment),
    ]
    let others = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
    // Only the `/tmp/cnnrepl-UID` folders `--share-group` makes (digits after the dash).
    let shareFolders = others.filter {
      $0.hasPrefix("cnnrepl-") && $0.dropFirst(8).allSatisfy(\.isNumber) && $0.count > 8
    }
    folders += shareFolders.sorted().map { "/tmp/" + $0 }
    var seen = Set<String>()
    return folders.filter { seen.insert($0).inserted }.map { "\($0)/\(name).sock" }
  }

  /// The socket `--watch` means: a path as given (it has a `/` or ends in `.sock`), else the
  /// one socket of that name among the candidates.
  ///
  /// More than one is refused (``ShareError/ambiguousName(name:shares:)``, listing each with
  /// its owner): taking the first would let another user squat a teacher's name in a folder
  /// that sorts earlier.
  public static func resolve(_ target: String, environment: [String: String]) throws(ShareError)
    -> String
  {
    if target.contains("/") || target.hasSuffix(".sock") { return target }
    try validate(name: target)
    let paths = candidates(name: target, environment: environment)
    let found = paths.compactMap { path in socketOwner(path).map { (path, $0) } }
    guard let first = found.first else {
      throw .notFound(
        name: target, searched: paths.map { ($0 as NSString).deletingLastPathComponent })
    }
    guard found.count == 1 else {
      throw .ambiguousName(
        name: target,
        shares: found.map { path, uid in
          "\(path) (\(SharePeer.userName(of: uid).map { "\($0), " } ?? "")uid \(uid))"
        })
    }
    return first.0
  }

  /// The owner of the socket at `path`, nil when there is no socket there.
  static func socketOwner(_ path: String) -> uid_t? {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK else { return nil }
    return info.st_uid
  }

  /// The group id of `name`.
  public static func groupID(_ name: String) throws(ShareError) -> gid_t {
    guard let entry = getgrnam(name) else { throw .unknownGroup(name) }
    return entry.pointee.gr_gid
  }

  /// Listens on `path` and returns the non-blocking descriptor.
  ///
  /// Creates (or tightens) the folder first. A live socket at `path` is refused; a stale one
  /// is replaced.
  static func listen(path: String, group: gid_t?) throws(ShareError) -> Int32 {
    let folder = (path as NSString).deletingLastPathComponent
    try prepareFolder(folder, group: group)
    if FileManager.default.fileExists(atPath: path) {
      if let probe = try? connect(path: path) {
        close(probe)
        throw .nameInUse(
          name: ((path as NSString).lastPathComponent as NSString).deletingPathExtension, path: path
        )
      }
      unlink(path)
    }
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw systemError("socket", path) }
    var address = try address(path)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0 else {
      let error = systemError("bind", path)
      close(fd)
      throw error
    }
    if let group {
      chown(path, getuid(), group)
      chmod(path, 0o660)
    } else {
      chmod(path, 0o600)
    }
    guard Glibc.listen(fd, 64) == 0 else {
      let error = systemError("listen", path)
      close(fd)
      throw error
    }
    setNonBlocking(fd)
    return fd
  }

  /// A blocking connection to the socket at `path`.
  public static func connect(path: String) throws(ShareError) -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw systemError("socket", path) }
    var address = try address(path)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else {
      let error = systemError("connect", path)
      close(fd)
      throw error
    }
    return fd
  }

  static func setNonBlocking(_ fd: Int32) {
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
  }

  /// Writes all of `bytes` to a blocking descriptor (no SIGPIPE: a closed peer is an error).
  static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
      }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { return false }
      offset += n
    }
    return true
  }

  private static func prepareFolder(_ folder: String, group: gid_t?) throws(ShareError) {
    let mode: mode_t = group == nil ? 0o700 : 0o750
    if mkdir(folder, mode) != 0, errno != EEXIST { throw systemError("mkdir", folder) }
    var info = stat()
    guard lstat(folder, &info) == 0 else { throw systemError("stat", folder) }
    guard info.st_uid == getuid(), (info.st_mode & S_IFMT) == S_IFDIR else {
      throw .system(call: "mkdir", path: folder, message: "exists and is not this user's folder")
    }
    if let group { chown(folder, getuid(), group) }
    chmod(folder, mode)
  }

  private static func address(_ path: String) throws(ShareError) -> sockaddr_un {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard bytes.count < capacity else {
      throw .system(
        call: "bind", path: path, message: "the path is longer than \(capacity - 1) bytes")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (i, b) in bytes.enumerated() { raw[i] = b }
      raw[bytes.count] = 0
    }
    return address
  }

  private static func systemError(_ call: String, _ path: String) -> ShareError {
    .system(call: call, path: path, message: String(cString: strerror(errno)))
  }
}
