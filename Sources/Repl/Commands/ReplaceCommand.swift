import Core

/// The `replace N CMD` command.
public struct ReplaceCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "replace", category: .edit,
    abstract: "replace row N with another layer; shapes below recompute",
    arguments: [
      ArgumentSpec("N", "row N", .integer(1...Limits.row.upperBound), help: "the row to replace"),
      ArgumentSpec(
        "CMD", "layer command", .layerCommand, help: "any layer command, e.g. `conv 16 3 relu`"),
    ],
    examples: ["replace 1 conv 16 3 pad=same relu"],
    make: { (a) throws(CommandError) in
      ReplaceCommand(
        row: a.integer("N") ?? 1, layer: try layerSpec(in: a.text("CMD") ?? "", for: "replace"))
    })

  public var row: Int
  public var layer: RowSpec

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.edit("replace", changedBy: "replace \(row) \(layer)") { model throws(ShapeError) in
      try model.replace(row: row, with: layer)
    }
    output.present(.summary(session.model.summary))
  }
}
