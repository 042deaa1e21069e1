/// The `status` command.
public struct StatusCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "status", category: .training,
    abstract: "the running training's epoch, step, loss and speed",
    runsInCheck: false,
    make: { (_) throws(CommandError) in StatusCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "status")
  }
}
