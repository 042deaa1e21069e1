/// The `history` command.
public struct HistoryCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "history", category: .session,
    abstract: "the commands typed in this session, numbered",
    make: { (_) throws(CommandError) in HistoryCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let width = String(session.history.count).count
    output.present(
      .text(
        session.history.enumerated().map { i, line in
          String(repeating: " ", count: width - String(i + 1).count) + "\(i + 1)  \(line)"
        }))
  }
}
