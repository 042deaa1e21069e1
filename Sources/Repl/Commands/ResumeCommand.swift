/// The `resume` command.
public struct ResumeCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "resume", category: .training,
    abstract: "resume a paused training",
    runsInCheck: false,
    training: .starts,
    make: { (_) throws(CommandError) in ResumeCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    guard session.isTraining, session.trainer.isPaused else {
      throw .refused(command: "resume", problem: "no training is paused", hint: "`pause` one first")
    }
    session.trainer.resume()
    output.present(.text(["resuming"]))
  }
}
