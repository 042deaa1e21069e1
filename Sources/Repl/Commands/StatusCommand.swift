import Core

/// The `status` command.
public struct StatusCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "status", category: .training,
    abstract: "the running training's epoch, step, loss and speed",
    runsInCheck: false,
    make: { (_) throws(CommandError) in StatusCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let history = session.trainer.history
    guard session.isTraining else {
      guard let result = session.trainer.lastResult else {
        output.present(.text(["no training has run yet; start one with `train`"]))
        return
      }
      var lines = [TrainingReport.stopLine(result.reason, completedSteps: result.completedSteps)]
      if let last = result.history.epochs.last {
        lines.append(TrainingReport.epochLine(last, epochs: session.trainingFeed.epochs))
      }
      output.present(.text(lines))
      return
    }
    guard let step = history.steps.last else {
      output.present(.text(["training is starting"]))
      return
    }
    let epochs = session.trainingFeed.epochs
    var line =
      "training: epoch \(step.epoch)/\(epochs), step \(step.step)/\(step.stepsPerEpoch), "
      + "loss \(TrainingReport.fixed(step.runningLoss, 4))"
    if let acc = step.runningAccuracy { line += ", acc \(TrainingReport.percent(acc))" }
    if let rate = history.learningRates.last { line += ", lr \(formatNumber(rate))" }
    if session.trainer.isPaused { line += " (paused)" }
    var lines = [line]
    if let last = history.epochs.last {
      lines.append(TrainingReport.epochLine(last, epochs: epochs))
    }
    output.present(.text(lines))
  }
}
