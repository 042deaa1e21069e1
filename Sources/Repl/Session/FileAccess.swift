import Foundation

/// Reading and writing the session's files with errors a student can act on.
///
/// Writes go to a temporary file in the same folder and are renamed over the target, so a
/// crash or a full disk never leaves half a file behind.
public enum FileAccess {
  public static func readData(_ path: String, command: String) throws(CommandError) -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .refused(
        command: command, problem: "no file `\(path)`", hint: "check the name and the folder")
    }
    guard !isDirectory.boolValue else {
      throw .refused(command: command, problem: "`\(path)` is a folder", hint: "give a file name")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .refused(
        command: command, problem: "cannot read `\(path)`", hint: "check its permissions")
    }
    return data
  }

  public static func readText(_ path: String, command: String) throws(CommandError) -> String {
    let data = try readData(path, command: command)
    guard let text = String(data: data, encoding: .utf8) else {
      throw .refused(
        command: command, problem: "`\(path)` is not UTF-8 text", hint: "give a .cnn script")
    }
    return text
  }

  /// Writes `data` to `path` through a temporary file and a rename.
  public static func writeAtomically(_ data: Data, to path: String, command: String)
    throws(CommandError)
  {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw .refused(
        command: command, problem: "folder `\(folder.path)` does not exist", hint: "create it first"
      )
    }
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: temporary)
      guard rename(temporary.path, url.path) == 0 else {
        throw CocoaError(.fileWriteUnknown)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw .refused(
        command: command, problem: "cannot write `\(path)`: \(error.localizedDescription)",
        hint: "check the folder's permissions and free space")
    }
  }
}

extension FileAccess {
  /// Refuses to replace an existing file whose contents differ from `data`, unless `force`;
  /// refuses `force` itself where `confinement` does not allow it (a forked session).
  ///
  /// Every command that writes a file calls this first (pass the session's
  /// ``SessionOptions/writeConfinement``).
  public static func refuseOverwrite(
    _ path: String, with data: Data, force: Bool, confinement: WriteConfinement, command: String
  ) throws(CommandError) {
    try confinement.check(path, force: force, command: command)
    guard !force, FileManager.default.fileExists(atPath: path) else { return }
    if FileManager.default.contents(atPath: path) == data { return }
    throw .refused(
      command: command, problem: "`\(path)` already exists with other contents",
      hint: "add force=yes to overwrite it, or choose another name")
  }
}

extension FileAccess {
  /// How the output names a file just written: as typed inside the working folder, else its
  /// absolute path and `(outside the working folder)`, so a student sees where it went.
  public static func reportedPath(_ path: String) -> String {
    let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
      .standardizedFileURL.path
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    if absolute.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") { return path }
    return "\(absolute) (outside the working folder)"
  }
}
