/// The `show confusion` command.
public struct ShowConfusionCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show confusion", category: .inspect,
    abstract: "confusion matrix on the test split",
    runsInCheck: false,
    make: { (_) throws(CommandError) in ShowConfusionCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show confusion")
  }
}
