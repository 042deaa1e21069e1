import Foundation

/// The `run FILE.cnn` command.
public struct RunCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "run", category: .files,
    abstract: "replay a script in this session, with its output",
    discussion: [
      "inside a script, FILE is looked up next to that script first",
      "the replay stops at the first error, naming FILE:LINE",
    ],
    arguments: [ArgumentSpec("FILE", "file", .file(extensions: ["cnn"]), help: "script to run")],
    examples: ["run sessions/lenet5.cnn"],
    make: { (a) throws(CommandError) in RunCommand(path: a.path("FILE") ?? "") })

  public var path: String

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    var resolved = path
    if !path.hasPrefix("/"), let folder = session.currentScriptFolder, !folder.isEmpty {
      let nextToScript = (folder as NSString).appendingPathComponent(path)
      if FileManager.default.fileExists(atPath: nextToScript) { resolved = nextToScript }
    }
    let text = try FileAccess.readText(resolved, command: "run")
    let folder = (resolved as NSString).deletingLastPathComponent
    let result = try session.runNested(text: text, name: path, directory: folder)
    if let first = result.errors.first {
      let at = first.location.map { " at \($0)" } ?? ""
      throw .refused(
        command: "run", problem: "\(path) stopped\(at)", hint: "fix that line and run it again")
    }
  }
}
