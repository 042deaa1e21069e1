/// The `recover [N]` command.
///
/// It only picks the journal and announces it: the front end replays it after the command,
/// one command at a time as if typed (its own loop draws, waits for trainings and can stop).
public struct RecoverCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "recover", category: .session,
    abstract: "replay the journal of a session that ended without `quit`",
    discussion: [
      "every typed command is journaled first; `quit` or Ctrl-D deletes the journal",
      "after a kill, a crash or a closed terminal the next start says so",
      "the commands run in this session, after what is there (`reset` first)",
      "errors in them are shown and the replay goes on",
      "with `--autosave` weights, trainings are not run again: the weights load",
      "journals that ended without `quit` stay until this session quits",
    ],
    arguments: [
      ArgumentSpec(
        "N", "session N", .integer(1...999), optional: true,
        help: "1 the last session to end without `quit`, 2 the one before")
    ],
    runsInCheck: false,
    examples: ["recover", "recover 2"],
    make: { (a) throws(CommandError) in RecoverCommand(number: a.integer("N")) })

  /// Which left-over journal (1 = the newest); nil picks the newest not replayed yet.
  public var number: Int?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("recover")
    let journal = try session.recovery.request(number)
    output.present(.text([JournalRecovery(leftOver: journal).announcement]))
  }
}
