/// The `eval [split=train|test]` command.
public struct EvalCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "eval", category: .training,
    abstract: "loss, accuracy and per-class accuracy on a split",
    options: [
      OptionSpec("split", "S", .choice(["train", "test"]), default: "test", help: "which split")
    ],
    runsInCheck: false,
    examples: ["eval", "eval split=train"],
    make: { (a) throws(CommandError) in EvalCommand(split: a.word("split") ?? "test") })

  public var split: String

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let result = try session.evaluate(split: split, command: "eval")
    let classes = session.data?.train.classNames ?? []
    output.present(.text(EvaluationReport.lines(result, split: split, classNames: classes)))
  }
}
