/// The `reset` command.
public struct ResetCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "reset", category: .edit,
    abstract: "remove every layer and the input (undoable)",
    make: { (_) throws(CommandError) in ResetCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.resetModel()
    output.present(.text(["model cleared; start again with `input HxWxC`"]))
  }
}
