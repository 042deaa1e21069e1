/// The `threads N` command.
public struct ThreadsCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "threads", category: .training,
    abstract: "CPU threads for training and inference",
    discussion: ["results are the same for the same seed and thread count"],
    arguments: [ArgumentSpec("N", "threads N", .integer(Limits.threads), help: "1 or more")],
    examples: ["threads 2"],
    make: { (a) throws(CommandError) in ThreadsCommand(threads: a.integer("N") ?? 1) })

  public var threads: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    session.setThreads(threads)
    output.present(.text(["threads \(threads)"]))
  }
}
