/// The `stop` command.
public struct StopCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "stop", category: .training,
    abstract: "stop training at the next batch (keeps the weights)",
    runsInCheck: false,
    make: { (_) throws(CommandError) in StopCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "stop")
  }
}
