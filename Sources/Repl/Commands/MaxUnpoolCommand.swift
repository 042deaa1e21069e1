import Core

/// The `maxunpool N` command.
public struct MaxUnpoolCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "maxunpool", category: .model, placesLayer: true,
    abstract: "max-unpooling with the indices of the maxpool at row N",
    discussion: [
      "each value goes back where row N found its maximum; the rest of the window is 0",
      "the output has row N's input shape; N must be an earlier `maxpool` row",
    ],
    arguments: [
      ArgumentSpec(
        "N", "row N", .integer(1...Limits.row.upperBound), help: "the summary row of a maxpool")
    ],
    examples: ["maxunpool 2"],
    make: { (a) throws(CommandError) in
      MaxUnpoolCommand(layer: .maxUnpool(poolRow: a.integer("N") ?? 1))
    })

  public var layer: LayerSpec
}
