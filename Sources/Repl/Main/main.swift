// The `cnnrepl` executable: command-line parsing only; everything else lives in the Repl module.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if RootHelp.isAsked(arguments) {
  print(RootHelp.text(), terminator: "")
  exit(0)
}
CnnreplCommand.main(ShareOptions.normalize(arguments))
