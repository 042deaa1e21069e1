import Foundation

/// The one folder fuzzed sessions may touch: made once per process under `$TMPDIR`, made the
/// current directory, and emptied before every input so runs do not depend on each other.
public enum FuzzSandbox {
  /// The sandbox's path (created and entered on first use).
  public static let path: String = {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("cnnrepl-fuzz-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    guard FileManager.default.changeCurrentDirectoryPath(folder) else {
      fatalError("fuzz: cannot enter the sandbox \(folder)")  // the harness, not user input
    }
    return folder
  }()

  /// Empties the sandbox (and enters it, the first time).
  public static func reset() {
    let folder = path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names {
      try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
    }
  }

  /// Writes `bytes` to `name` inside the sandbox and returns its path.
  @discardableResult
  public static func write(_ bytes: some Collection<UInt8>, to name: String) -> String {
    let file = (path as NSString).appendingPathComponent(name)
    // A plain write: `createFile` writes atomically, and its sync costs milliseconds per input.
    try? Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  /// A symbolic link `name` → `target` inside the sandbox (several data files, one input).
  public static func link(_ name: String, to target: String) {
    let file = (path as NSString).appendingPathComponent(name)
    try? FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: target)
  }
}
