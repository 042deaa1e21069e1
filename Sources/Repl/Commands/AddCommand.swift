import Core

/// The `add N [M …]` command.
public struct AddCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "add", category: .model, placesLayer: true,
    abstract: "sum the row above with rows N, M, … (a residual connection)",
    discussion: [
      "out = in + row N + row M …, value by value (in: the row above, or from=)",
      "every input must have the same HxWxC; a mismatch is refused with both shapes",
      "backward: every input receives dLoss/dout unchanged, so the gradient skips",
      "the layers in between: a residual block y = x + F(x) keeps learning even",
      "when F's own gradient fades; no parameters, 0 MACs",
    ],
    arguments: [
      ArgumentSpec(
        "N", "row N", .rows(0...Limits.row.upperBound),
        help: "one or more earlier rows to add (0 is the input)")
    ],
    examples: ["add 1", "add 3 from=5", "add 2 4"],
    make: { (a) throws(CommandError) in AddCommand(layer: .add(rows: a.integers("N") ?? [])) })

  public var layer: LayerSpec
}
