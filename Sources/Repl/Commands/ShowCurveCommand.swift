/// The `show curve` command.
public struct ShowCurveCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show curve", category: .inspect,
    abstract: "loss and accuracy over the steps, as a text chart",
    runsInCheck: false,
    make: { (_) throws(CommandError) in ShowCurveCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("show curve")
    let history = session.trainer.history
    guard !history.steps.isEmpty else {
      throw .refused(
        command: "show curve", problem: "there is no training history yet",
        hint: "train first, e.g. `train epochs=1`")
    }
    var lines = TrainingReport.lossChart(history, style: session.chartStyle, height: 10)
    lines += TrainingReport.accuracyChart(history, style: session.chartStyle, height: 6)
    lines += history.epochs.map {
      TrainingReport.epochLine($0, epochs: session.trainingFeed.epochs)
    }
    output.present(.text(lines))
  }
}
