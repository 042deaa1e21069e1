import Foundation

/// The `export html FILE.html [force=yes]` command: the notebook as one self-contained page
/// (``HTMLTranscript``), a handout that opens anywhere.
public struct ExportHTMLCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "export html", category: .files,
    abstract: "write the notebook as one web page, pictures included",
    discussion: [
      "every cell's command and output, comments as prose, each picture as real",
      "pixels (PNG inside the page); no links or scripts: it opens offline, on a",
      "phone, and prints",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["html", "htm"]), help: "page to write")
    ],
    options: [.force],
    runsInCheck: false,
    examples: ["export html lesson1.html"],
    make: { (a) throws(CommandError) in
      ExportHTMLCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    // This command's own cell is the last one and still empty: leave it out.
    let entries = Array(session.transcript.dropLast())
    let page = HTMLTranscript.render(entries)
    let data = Data(page.html.utf8)
    try FileAccess.writeFile(
      data, to: path, force: force, confinement: session.options.writeConfinement,
      command: "export html")
    let pictures = page.pictures == 1 ? "1 picture" : "\(page.pictures) pictures"
    output.present(
      .text(["wrote \(entries.count) cells and \(pictures) to \(FileAccess.reportedPath(path))"]))
  }
}
