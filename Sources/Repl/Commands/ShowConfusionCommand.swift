/// The `show confusion` command.
public struct ShowConfusionCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show confusion", category: .inspect,
    abstract: "confusion matrix on the test split",
    runsInCheck: false,
    make: { (_) throws(CommandError) in ShowConfusionCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let result = try session.evaluate(split: "test", command: "show confusion")
    guard let confusion = result.confusion else {
      throw .refused(
        command: "show confusion", problem: "the model is no classifier (its loss is mse)",
        hint: "a confusion matrix needs one output per class, e.g. `dense 10 softmax`")
    }
    let classes = session.data?.test.classNames ?? []
    output.present(.text(EvaluationReport.confusionLines(confusion, classNames: classes)))
  }
}
