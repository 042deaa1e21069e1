import Core

/// The `del N` command.
public struct DeleteCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "del", category: .edit,
    abstract: "delete row N; the rows below move up and shapes recompute",
    arguments: [
      ArgumentSpec("N", "row N", .integer(1...Limits.row.upperBound), help: "summary row to delete")
    ],
    examples: ["del 3"],
    make: { (a) throws(CommandError) in DeleteCommand(row: a.integer("N") ?? 1) })

  public var row: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let removed = row <= session.model.specs.count ? session.model.specs[row - 1].description : ""
    try session.edit("del", changedBy: "del \(row)") { model throws(ShapeError) in
      try model.remove(row: row)
    }
    output.present(.text(["deleted row \(row): \(removed)"]))
    output.present(.summary(session.model.summary))
  }
}
