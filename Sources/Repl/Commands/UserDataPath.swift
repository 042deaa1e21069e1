import Foundation

/// Where `data folder DIR` and `data csv FILE` look: `~` expanded; a relative path inside a
/// running script is tried next to the script first (as `run FILE` does), so a script and its
/// data travel together.
enum UserDataPath {
  static func resolve(_ path: String, in session: Session) -> String {
    let expanded = NSString(string: path).expandingTildeInPath
    guard !expanded.hasPrefix("/"), let folder = session.currentScriptFolder, !folder.isEmpty
    else { return expanded }
    let nextToScript = (folder as NSString).appendingPathComponent(expanded)
    return FileManager.default.fileExists(atPath: nextToScript) ? nextToScript : expanded
  }
}
