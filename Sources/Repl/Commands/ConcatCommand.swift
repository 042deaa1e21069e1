import Core

/// The `concat N [M …]` command.
public struct ConcatCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "concat", category: .model, placesLayer: true,
    abstract: "stack the row above and rows N, M, … along channels (Inception, U-Net)",
    discussion: [
      "out = [in, row N, row M …] along channels: HxWx(C_in + C_N + …)",
      "heights and widths must match (vectors: any lengths)",
      "backward: each input gets back the channels it gave",
      "no parameters, 0 MACs; a 1x1 conv after it mixes the branches",
    ],
    arguments: [
      ArgumentSpec(
        "N", "row N", .rows(0...Limits.row.upperBound),
        help: "one or more earlier rows to join (0 is the input)")
    ],
    examples: ["concat 7", "concat 5 7 9 from=3"],
    make: { (a) throws(CommandError) in
      ConcatCommand(layer: .concat(rows: a.integers("N") ?? []))
    })

  public var layer: LayerSpec
}
