/// The `seed N` command.
public struct SeedCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "seed", category: .training,
    abstract: "seed for weights, shuffling and dropout",
    discussion: ["layers added after `seed N` draw their first weights from the new seed"],
    arguments: [ArgumentSpec("N", "seed N", .integer(0...Int.max), help: "any whole number")],
    examples: ["seed 42"],
    make: { (a) throws(CommandError) in SeedCommand(seed: UInt64(a.integer("N") ?? 0)) })

  public var seed: UInt64

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    session.setSeed(seed)
    output.present(.text(["seed \(seed)"]))
  }
}
