import Foundation

/// The `export transcript FILE.md [force=yes]` command.
public struct ExportTranscriptCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "export transcript", category: .files,
    abstract: "write every command and its output as a Markdown notebook",
    discussion: ["comments become prose; each command and its output share one fenced block"],
    arguments: [
      ArgumentSpec(
        "FILE", "file", .file(extensions: ["md", "markdown"]), help: "Markdown file to write")
    ],
    options: [.force],
    runsInCheck: false,
    examples: ["export transcript lesson1.md"],
    make: { (a) throws(CommandError) in
      ExportTranscriptCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    // This command's own cell is the last one and still empty: leave it out.
    let entries = Array(session.transcript.dropLast())
    let data = Data(MarkdownTranscript.render(entries).utf8)
    try FileAccess.writeFile(
      data, to: path, force: force, confinement: session.options.writeConfinement,
      command: "export transcript")
    output.present(.text(["wrote \(entries.count) cells to \(FileAccess.reportedPath(path))"]))
  }
}
