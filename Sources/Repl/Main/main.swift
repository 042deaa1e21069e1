// The `cnnrepl` executable: command-line parsing only; everything else lives in the Repl module.
CnnreplCommand.main(ShareOptions.normalize(Array(CommandLine.arguments.dropFirst())))
