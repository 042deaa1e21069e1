/// The `pause` command.
public struct PauseCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "pause", category: .training,
    abstract: "pause the running training at the next batch",
    runsInCheck: false,
    training: .controls,
    make: { (_) throws(CommandError) in PauseCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    guard session.isTraining else {
      throw .refused(
        command: "pause", problem: "no training is running", hint: "start one with `train`")
    }
    session.trainer.pause()
    output.present(.text(["pausing at the next batch; `resume` goes on"]))
  }
}
