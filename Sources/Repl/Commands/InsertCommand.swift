import Core

/// The `insert N CMD` command.
public struct InsertCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "insert", category: .edit,
    abstract: "insert a layer as row N; rows below move down",
    arguments: [
      ArgumentSpec(
        "N", "row N", .integer(1...Limits.row.upperBound), help: "the row the new layer takes"),
      ArgumentSpec(
        "CMD", "layer command", .layerCommand, help: "any layer command, e.g. `batchnorm`"),
    ],
    examples: ["insert 2 batchnorm", "insert 1 conv 8 3 pad=same relu"],
    make: { (a) throws(CommandError) in
      InsertCommand(
        row: a.integer("N") ?? 1, layer: try layerSpec(in: a.text("CMD") ?? "", for: "insert"))
    })

  public var row: Int
  public var layer: RowSpec

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.edit("insert", changedBy: "insert \(row) \(layer)") { model throws(ShapeError) in
      try model.insert(layer, atRow: row)
    }
    output.present(.summary(session.model.summary))
  }
}

/// Parses the layer command inside `insert N CMD` / `replace N CMD`.
func layerSpec(in text: String, for command: String) throws(CommandError) -> RowSpec {
  guard let parsed = try CommandParser.parse(text) else {
    throw .missingArgument(command: command, argument: "layer command", usage: "\(command) N CMD")
  }
  guard let layer = parsed as? any LayerCommand else {
    throw .refused(
      command: command, problem: "`\(text)` does not add a layer",
      hint: "give a layer command such as `conv 8 3` or `batchnorm`")
  }
  return layer.row
}
