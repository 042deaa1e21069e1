/// `stop`
public struct StopCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "stop", category: .training,
    abstract: "stop the running training at the next batch (weights so far are kept)",
    runsInCheck: false,
    make: { (_) throws(CommandError) in StopCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "stop")
  }
}
