/// The `summary` command.
public struct SummaryCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "summary", category: .model,
    abstract: "the whole model table with its totals",
    discussion: [
      "columns: row #, layer, output HxWxC (or N), params, MACs per image, receptive field RxR",
      "params are counted as Keras counts them; KiB = 4 bytes per float32 / 1024",
    ],
    make: { (_) throws(CommandError) in SummaryCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    output.present(.summary(session.model.summary))
  }
}
