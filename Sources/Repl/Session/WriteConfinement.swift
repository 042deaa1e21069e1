import Foundation

/// Where `force=yes` may replace files in a session.
///
/// A session the user started may overwrite any file the user can write. A forked session
/// (`fork` in `--watch`) runs a script that came from someone else's share, so there
/// `force=yes` is refused outside the fork's own folder: a teacher's (or a squatter's) script
/// can never replace a student's files.
/// ``FileAccess/refuseOverwrite(_:with:force:confinement:command:)`` checks it, and every
/// command that writes a file goes through that check.
public enum WriteConfinement: Sendable, Hashable {
  /// `force=yes` anywhere.
  case none
  /// `force=yes` only for paths inside `folder` (a fork's folder); `origin` names the share
  /// the session was forked from, for the refusal (e.g. "alice's share `cs101`").
  case forceInside(folder: String, origin: String)

  /// Refuses `force=yes` for `path` outside the allowed folder.
  ///
  /// The path is made absolute (from the working folder) and its folder's symbolic links are
  /// resolved, so neither `..` nor a linked folder leads outside.
  public func check(_ path: String, force: Bool, command: String) throws(CommandError) {
    guard force, case .forceInside(let folder, let origin) = self else { return }
    let inside = Self.resolved(folder)
    let target = Self.resolved(path)
    guard !target.hasPrefix(inside.hasSuffix("/") ? inside : inside + "/") else { return }
    throw .refused(
      command: command,
      problem: "this session is a fork of \(origin): force=yes may replace files only in its "
        + "own folder \(inside)",
      hint: "save under a new name without force=yes; to overwrite your own files, start "
        + "cnnrepl yourself and run the script there")
  }

  /// `path` absolute and standardized, with the symbolic links of its folder resolved (the
  /// last component is kept: the write replaces a link there, never its target).
  static func resolved(_ path: String) -> String {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
    return folder.appendingPathComponent(url.lastPathComponent).standardizedFileURL.path
  }
}
