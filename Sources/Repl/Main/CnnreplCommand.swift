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

      Files ($XDG_CONFIG_HOME, $XDG_STATE_HOME and $XDG_CACHE_HOME replace
      ~/.config, ~/.local/state and ~/.cache):
        ~/.config/cnnrepl/config  default options, one `key = value` a line: color,
                                  charset, threads, data-dir, memory, fps, mouse;
                                  the command line wins; bad lines are reported
        ~/.local/state/cnnrepl/   history, crash journals, autosaved weights
        ~/.cache/cnnrepl/         what `download` fetches (`data mnist` finds it)

      cnnrepl is free software under the GNU GPL, version 3 or later (see --version).
      """,
    version: ([CnnreplVersion.string] + CnnreplVersion.licenceLines).joined(separator: "\n"),
    subcommands: [
      InteractiveCommand.self, RunScriptsCommand.self, CheckScriptsCommand.self, BenchCommand.self,
      SessionManualCommand.self,
    ],
    defaultSubcommand: InteractiveCommand.self)
}
