import Core

/// The `maxpool K [stride=S] [pad=P]` command.
public struct MaxPoolCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "maxpool", category: .model, placesLayer: true,
    abstract: "max pooling over KxK windows; stride defaults to K",
    discussion: ["output side = (in + 2·P - K)/S + 1 (floor); no parameters"],
    arguments: [
      ArgumentSpec("K", "pool size K", .kernel(Limits.kernel), help: "window side: 2 means 2x2")
    ],
    options: [
      .poolStride,
      .poolPadding,
    ],
    examples: ["maxpool 2", "maxpool 3 stride=2 pad=1"],
    make: { (a) throws(CommandError) in
      MaxPoolCommand(
        layer: .maxPool(
          kernel: a.integer("K") ?? 2, stride: a.integer("stride"), padding: a.integer("pad") ?? 0))
    })

  public var layer: LayerSpec
}
