import Datasets

/// The `data info` command.
public struct DataInfoCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "data info", category: .data,
    abstract: "counts, image shape and class balance of the data",
    runsInCheck: false,
    make: { (_) throws(CommandError) in DataInfoCommand() })

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let data = try session.requireData("data info")
    output.present(.text(DatasetInfo(data).lines))
  }
}
