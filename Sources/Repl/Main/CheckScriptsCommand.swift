import Core
import ArgumentParser
import Foundation
import FrontEnds
import Repl

/// The `cnnrepl check FILE.cnn ...` command line.
struct CheckScriptsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse and shape-check scripts (no data loading, no training); exit 0 or 1.")

  @Argument(help: "Session scripts, each checked in a fresh session.", completion: .file(extensions: ["cnn"]))
  var files: [String]

  @OptionGroup var common: CommonOptions

  func run() throws {
    for notice in common.configNotices { StandardStreams.write("note: \(notice)\n", to: .error) }
    var failed = false
    for file in files {
      let presenter = RecordingPresenter()
      let session = Session(options: common.sessionOptions(mode: .check), presenter: presenter)
      let result = try runFile(file, in: session, echo: false, keepGoing: true)
      for report in presenter.errors {
        StandardStreams.write("\(report)\n", to: .error)
      }
      if result.succeeded {
        let summary = session.model.summary
        StandardStreams.line(
          "\(file): ok, \(result.commandsRun) commands, \(summary.rows.count) rows, \(grouped(summary.totalParameters)) params"
        )
      } else {
        failed = true
      }
    }
    if failed { throw ExitCode.failure }
  }
}
