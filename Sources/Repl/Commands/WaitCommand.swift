/// The `wait` command.
public struct WaitCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "wait", category: .training,
    abstract: "block until the running training ends",
    runsInCheck: false,
    training: .controls,
    make: { (_) throws(CommandError) in WaitCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    // A training that ended unseen still prints its lines here.
    guard session.isTraining || session.trainer.events.pendingCount > 0 else {
      output.present(.text(["no training is running"]))
      return
    }
    session.waitForTraining(output: output)
  }
}
