import Foundation

/// The temporary files of ``FileAccess/writeAtomically(_:to:command:visibility:)``:
/// `.NAME.cnnrepl-PID-XXXXXX` beside the target, the six `X` made unpredictable by `mkstemp`.
///
/// The process id in the name lets a later write tell an abandoned file (its cnnrepl was
/// killed mid-save) from one another cnnrepl is writing right now.
package enum TemporaryFile {
  /// The marker between the target's name and the process id.
  static let marker = ".cnnrepl-"

  /// Longest target name kept in the temporary name (the whole name stays under 255 bytes).
  static let longestName = 200

  /// The `mkstemp` template for a file named `name` in `folder`, NUL-terminated.
  package static func template(in folder: String, for name: String) -> [CChar] {
    let stem = String(decoding: Array(name.utf8.prefix(longestName)), as: UTF8.self)
    let path = (folder as NSString).appendingPathComponent(
      ".\(stem)\(marker)\(getpid())-XXXXXX")
    return Array(path.utf8CString)
  }

  /// Creates the file of `template` (from ``template(in:for:)``, which gets the name chosen)
  /// exclusively with `mkstemp` and marks its descriptor close-on-exec, so a process this one
  /// starts later (tmux, python, an editor) neither inherits the file nor its `flock`.
  /// Returns the descriptor, or -1 with `errno` set.
  package static func create(_ template: inout [CChar]) -> Int32 {
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return fd
  }

  /// Removes this user's temporary files for `name` in `folder` whose process is gone.
  static func removeAbandoned(in folder: String, for name: String) {
    let stem = String(decoding: Array(name.utf8.prefix(longestName)), as: UTF8.self)
    let prefix = ".\(stem)\(marker)"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for candidate in names where candidate.hasPrefix(prefix) {
      let rest = candidate.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0,
        pid != getpid(), rest[rest.index(after: dash)...].count == 6
      else { continue }
      guard kill(pid, 0) != 0, errno == ESRCH else { continue }  // still writing
      let path = (folder as NSString).appendingPathComponent(candidate)
      var info = stat()
      guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid()
      else { continue }
      unlink(path)
    }
  }
}
