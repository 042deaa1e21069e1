/// The `show saliency N` command.
public struct ShowSaliencyCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show saliency", category: .inspect,
    abstract: "which pixels of test image N the class score depends on",
    arguments: [ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image")],
    runsInCheck: false,
    examples: ["show saliency 0"],
    make: { (a) throws(CommandError) in ShowSaliencyCommand(index: a.integer("N") ?? 0) })

  public var index: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show saliency")
  }
}
