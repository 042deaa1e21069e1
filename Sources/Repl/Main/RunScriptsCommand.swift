import ArgumentParser
import Foundation
import Repl

/// The `cnnrepl run FILE.cnn ... [--keep-going]` command line.
struct RunScriptsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run scripts in one session and print the transcript; exit 1 on the first error.")

  @Flag(help: "Report every error and go on; exit 1 at the end if any.")
  var keepGoing = false

  @Argument(help: "Session scripts, run one after the other.")
  var files: [String]

  @OptionGroup var common: CommonOptions

  func run() throws {
    let presenter = PlainPresenter.standard(useColor: common.useColor, errorsToStandardError: true)
    let session = Session(options: common.sessionOptions(mode: .batch), presenter: presenter)
    var failed = false
    for file in files {
      let result = try runFile(file, in: session, echo: true, keepGoing: keepGoing)
      if !result.succeeded {
        failed = true
        if !keepGoing { break }
      }
      if result.quit { break }
    }
    if failed { throw ExitCode.failure }
  }
}
