/// The `show curve` command.
public struct ShowCurveCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show curve", category: .inspect,
    abstract: "loss and accuracy over the steps, as a text chart",
    runsInCheck: false,
    make: { (_) throws(CommandError) in ShowCurveCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show curve")
  }
}
