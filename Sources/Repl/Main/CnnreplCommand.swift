import ArgumentParser
import ModelFiles
import Repl

/// `cnnrepl`: the interactive session by default, `run` and `check` for scripts.
struct CnnreplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cnnrepl",
    abstract: "Build and train convolutional networks one layer at a time, in a terminal.",
    discussion: """
      Examples:
        cnnrepl                      interactive session
        cnnrepl sessions/lenet5.cnn  replay a script, then stay interactive
        cnnrepl --step demo.cnn      one command per Enter key (teaching)
        cnnrepl run a.cnn b.cnn      print the transcript; exit 1 on the first error
        cnnrepl check a.cnn          parse and shape-check only
      """,
    version: CnnreplVersion.string,
    subcommands: [
      InteractiveCommand.self, RunScriptsCommand.self, CheckScriptsCommand.self, BenchCommand.self,
    ],
    defaultSubcommand: InteractiveCommand.self)
}
