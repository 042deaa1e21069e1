/// The `show sample N` command.
public struct ShowSampleCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show sample", category: .data,
    abstract: "draw training image N in the terminal, with its label",
    arguments: [
      ArgumentSpec("N", "image N", .integer(Limits.sample), help: "index in the training split")
    ],
    runsInCheck: false,
    examples: ["show sample 0"],
    make: { (a) throws(CommandError) in ShowSampleCommand(index: a.integer("N") ?? 0) })

  public var index: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show sample")
  }
}
