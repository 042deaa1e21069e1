/// The `show rf L` command.
public struct ShowReceptiveFieldCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show rf", category: .inspect,
    abstract: "the receptive field of row L drawn on the input",
    arguments: [ArgumentSpec("L", "row L", .integer(Limits.row), help: "summary row")],
    runsInCheck: false,
    examples: ["show rf 3"],
    make: { (a) throws(CommandError) in ShowReceptiveFieldCommand(row: a.integer("L") ?? 0) })

  public var row: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show rf")
  }
}
