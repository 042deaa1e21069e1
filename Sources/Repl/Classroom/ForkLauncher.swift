import Foundation
import Repl

#if canImport(Glibc)
  import Glibc
#endif

/// Turns a teacher's ``ForkState`` into the student's own session: a script and a weights file
/// in a fresh temporary folder, then `cnnrepl SCRIPT` started in place of the watcher.
public enum ForkLauncher {
  /// The files written and the command line that replays them.
  public struct Plan: Sendable, Equatable {
    public var folder: String
    public var script: String
    public var arguments: [String]
    public var workingDirectory: String?
  }

  /// Writes `fork.cnn` (the teacher's script, then `load model` of the weights) and
  /// `weights.safetensors`; `options` are the watcher's own screen options for the new session.
  ///
  /// The session it starts gets `--fork-folder FOLDER`: its `force=yes` writes are refused
  /// outside the folder (``WriteConfinement``); `origin` names the share in those refusals.
  public static func prepare(
    _ state: ForkState, teacher: String, origin: String, options: [String],
    dataDirectory: String?
  ) throws -> Plan {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cnnrepl-fork-\(teacher)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    // Created here and now, owner-only: a folder someone planted under this name is refused.
    guard mkdir(folder.path, 0o700) == 0 else {
      throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: folder.path])
    }
    var lines = [
      "# your own copy of \(teacher)'s session (fork); nothing you do here reaches \(teacher)"
    ]
    lines.append(state.script.trimmingCharacters(in: .newlines))
    if !state.weights.isEmpty {
      let weights = folder.appendingPathComponent("weights.safetensors")
      try FileAccess.writeAtomically(
        Data(state.weights), to: weights.path, command: "fork", visibility: .privateToOwner)
      lines.append("load model \(weights.path)")
    }
    if let last = state.trainCommands.last {
      lines.append("# \(teacher) trained with `\(last)`; type `train` to go on training your copy")
    } else {
      lines.append("# type `train` to train your copy")
    }
    let script = folder.appendingPathComponent("fork.cnn")
    try FileAccess.writeAtomically(
      Data((lines.joined(separator: "\n") + "\n").utf8), to: script.path, command: "fork",
      visibility: .privateToOwner)
    var arguments = options + ["--fork-folder", folder.path, "--forked-from", origin]
    if let directory = dataDirectory ?? state.dataDirectory {
      arguments += ["--data-dir", directory]
    }
    arguments.append(script.path)
    let folderExists = FileManager.default.fileExists(atPath: state.workingDirectory)
    return Plan(
      folder: folder.path, script: script.path, arguments: arguments,
      workingDirectory: folderExists ? state.workingDirectory : nil)
  }

  /// Replaces this process with `cnnrepl plan.arguments` (returns only if that fails).
  public static func exec(_ plan: Plan) -> String {
    if let directory = plan.workingDirectory { _ = chdir(directory) }
    // The copy journals in its own folder, never in the teacher's (same user, same HOME).
    setenv("XDG_STATE_HOME", plan.folder, 1)
    let argv = ["cnnrepl"] + plan.arguments
    let cArguments = argv.map { strdup($0) } + [nil]
    execv("/proc/self/exe", cArguments)
    return "cannot start the forked session: \(String(cString: strerror(errno)))"
  }
}
