/// The `predict N` command.
public struct PredictCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "predict", category: .training,
    abstract: "test image N, its label and the class probabilities",
    arguments: [
      ArgumentSpec("N", "image N", .integer(Limits.sample), help: "index in the test split")
    ],
    runsInCheck: false,
    examples: ["predict 0"],
    make: { (a) throws(CommandError) in PredictCommand(index: a.integer("N") ?? 0) })

  public var index: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "predict")
  }
}
