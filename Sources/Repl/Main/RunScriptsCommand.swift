import ArgumentParser
import Foundation
import FrontEnds
import Repl

/// The `cnnrepl run FILE.cnn ... [--keep-going]` command line.
struct RunScriptsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run scripts in one session and print the transcript; exit 1 on the first error.")

  @Flag(help: "Report every error and go on; exit 1 at the end if any.")
  var keepGoing = false

  @Argument(help: "Session scripts, run one after the other.", completion: .file(extensions: ["cnn"]))
  var files: [String]

  @OptionGroup var common: CommonOptions

  func run() throws {
    for notice in common.configNotices { StandardStreams.write("note: \(notice)\n", to: .error) }
    let presenter = PlainPresenter.standard(
      useColor: common.useColor, errorsToStandardError: true,
      pictures: common.pictureOutput(fallback: .text))
    let session = Session(options: common.sessionOptions(mode: .batch), presenter: presenter)
    // Ctrl-C, TERM or HUP end the run: the training stops between two batches and is joined
    // first, and the exit status is 128 + the signal (DECISIONS.md "Leaving is always clean").
    LeaveOnSignal(
      trainer: session.trainer, signals: [SIGINT, SIGTERM, SIGHUP], announce: true
    ).start()
    defer { session.trainer.stopAndJoin() }
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
