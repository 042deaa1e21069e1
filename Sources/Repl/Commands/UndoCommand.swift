/// The `undo` command.
public struct UndoCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "undo", category: .edit,
    abstract: "take back the last change to the model",
    make: { (_) throws(CommandError) in UndoCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let undone = try session.undo()
    output.present(.text(["undid `\(undone)`"]))
    output.present(.summary(session.model.summary))
  }
}
