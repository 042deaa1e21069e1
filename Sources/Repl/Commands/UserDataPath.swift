import Datasets
import Foundation

/// What `data folder DIR` and `data csv FILE` share: where they look (`~` expanded; a relative
/// path inside a running script is tried next to the script first, as `run FILE` does, so a
/// script and its data travel together) and how a load is installed.
enum UserDataPath {
  /// Makes `load` the session's data set (`command` is what `save` writes) and prints its
  /// summary line and the skipped files or rows.
  static func install(
    _ load: UserDataLoad, command: String, in session: Session, output: any Presenter
  ) {
    session.data = load.data
    session.dataCommand = command
    output.present(.text([DatasetInfo(load.data).lines[0]] + load.skipReport()))
  }

  static func resolve(_ path: String, in session: Session) -> String {
    let expanded = HomeFolder.expand(path)
    guard !expanded.hasPrefix("/"), let folder = session.currentScriptFolder, !folder.isEmpty
    else { return expanded }
    let nextToScript = (folder as NSString).appendingPathComponent(expanded)
    return FileManager.default.fileExists(atPath: nextToScript) ? nextToScript : expanded
  }
}
