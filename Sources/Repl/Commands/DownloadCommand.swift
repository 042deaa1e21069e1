import Datasets
import Foundation

/// The `download mnist|fashion [dir=DIR] [url=BASE]` command.
public struct DownloadCommand: ReplCommand {
  public static let names = ["mnist", "fashion"]

  public static let spec = CommandSpec(
    name: "download", category: .data,
    abstract: "fetch the MNIST or Fashion-MNIST files (MD5-checked) into a folder",
    discussion: [
      "files go to DIR/NAME, DIR being dir=, else --data-dir, else the download cache",
      "(~/.cache/cnnrepl, or $XDG_CACHE_HOME/cnnrepl), where `data NAME` finds them",
      "a file already there with the right MD5 is kept; an interrupted download resumes",
      "url= replaces the base address (a mirror); the MD5 sums stay the official ones",
    ],
    arguments: [
      ArgumentSpec("NAME", "data set", .choice(names), help: names.joined(separator: ", "))
    ],
    options: [
      OptionSpec("dir", "DIR", .file(extensions: []), help: "data folder (NAME/ is made inside)"),
      OptionSpec("url", "BASE", .file(extensions: []), help: "base address of a mirror"),
    ],
    runsInCheck: false,
    examples: ["download mnist", "download fashion dir=~/data"],
    make: { (a) throws(CommandError) in
      DownloadCommand(
        name: a.word("NAME") ?? "mnist", directory: a.path("dir"), baseURL: a.path("url"))
    })

  public var name: String
  public var directory: String?
  public var baseURL: String?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    guard let dataset = DatasetName(rawValue: name) else {
      throw .refused(
        command: "download", problem: "\(name) cannot be downloaded", hint: "use mnist or fashion")
    }
    let root = directory ?? session.options.dataDirectory ?? session.options.downloadCache ?? "data"
    let folder = DataCatalog.defaultFolder(
      for: dataset, dataDir: URL(fileURLWithPath: root, isDirectory: true))
    do {
      var source = try DownloadSource.official(for: dataset)
      if let baseURL { source.baseURL = baseURL }
      let reports = try Downloader().fetch(source, into: folder)
      var lines = reports.map { report in
        switch report.outcome {
        case .alreadyPresent: "\(report.file): already there"
        case .downloaded(let bytes): "\(report.file): downloaded \(bytes) bytes"
        case .resumed(let from, let bytes):
          "\(report.file): resumed at byte \(from), \(bytes) bytes"
        }
      }
      // `data NAME` finds it by itself in --data-dir and the cache.
      let usesDefault = directory == nil && !session.options.dataSearchFolders.isEmpty
      lines.append(
        "\(name) is in \(folder.path); load it with `data \(name)"
          + (usesDefault ? "`" : " path=\(folder.path)`"))
      output.present(.text(lines))
    } catch let error as CommandError {
      throw error
    } catch {
      throw Session.refusal("download", error)
    }
  }
}
