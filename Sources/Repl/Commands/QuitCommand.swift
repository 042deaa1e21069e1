/// The `quit` command.
public struct QuitCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "quit", category: .session,
    abstract: "leave cnnrepl (Ctrl-D does the same)",
    make: { (_) throws(CommandError) in QuitCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    session.requestQuit()
  }
}
