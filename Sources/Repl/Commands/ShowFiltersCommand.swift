/// The `show filters L` command.
public struct ShowFiltersCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show filters", category: .inspect,
    abstract: "the learned kernels of the conv layer at row L",
    arguments: [
      ArgumentSpec(
        "L", "row L", .integer(1...Limits.row.upperBound), help: "summary row of a conv layer")
    ],
    runsInCheck: false,
    examples: ["show filters 1"],
    make: { (a) throws(CommandError) in ShowFiltersCommand(row: a.integer("L") ?? 1) })

  public var row: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show filters")
  }
}
