/// The `show occlusion N [size=K]` command.
public struct ShowOcclusionCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show occlusion", category: .inspect,
    abstract: "how much hiding each patch of test image N costs",
    arguments: [ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image")],
    options: [
      OptionSpec("size", "K", .integer(1...64), default: "4", help: "side of the grey patch")
    ],
    runsInCheck: false,
    examples: ["show occlusion 0", "show occlusion 3 size=6"],
    make: { (a) throws(CommandError) in
      ShowOcclusionCommand(index: a.integer("N") ?? 0, size: a.integer("size") ?? 4)
    })

  public var index: Int
  public var size: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show occlusion")
  }
}
