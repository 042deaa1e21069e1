/// The `stop` command.
public struct StopCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "stop", category: .training,
    abstract: "stop training at the next batch (keeps the weights)",
    runsInCheck: false,
    training: .controls,
    make: { (_) throws(CommandError) in StopCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    guard session.isTraining else {
      throw .refused(
        command: "stop", problem: "no training is running", hint: "start one with `train`")
    }
    session.trainer.stop()
    output.present(.text(["stopping at the next batch"]))
  }
}
