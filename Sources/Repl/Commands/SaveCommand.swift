import Foundation

/// The `save FILE.cnn [force=yes]` command.
public struct SaveCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "save", category: .files,
    abstract: "write the commands that rebuild this session to FILE.cnn",
    discussion: [
      "the script holds seed, threads, data, input and one line per layer; `run FILE.cnn` replays it",
      "an existing different file is kept unless force=yes",
    ],
    arguments: [ArgumentSpec("FILE", "file", .file(extensions: ["cnn"]), help: "script to write")],
    options: [.force],
    runsInCheck: false,
    examples: ["save mynet.cnn", "save mynet.cnn force=yes"],
    make: { (a) throws(CommandError) in
      SaveCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let data = Data(session.sessionScript.utf8)
    try FileAccess.refuseOverwrite(
      path, with: data, force: force, confinement: session.options.writeConfinement,
      command: "save")
    try FileAccess.writeAtomically(data, to: path, command: "save")
    let lines = session.sessionScript.split(separator: "\n").count
    output.present(.text(["saved \(lines) lines to \(FileAccess.reportedPath(path))"]))
  }
}
