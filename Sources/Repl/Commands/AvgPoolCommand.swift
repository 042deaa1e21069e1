import Core

/// The `avgpool K [stride=S] [pad=P]` command.
public struct AvgPoolCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "avgpool", category: .model, placesLayer: true,
    abstract: "average pooling over KxK windows; stride defaults to K",
    discussion: ["output side = (in + 2·P - K)/S + 1 (floor); no parameters"],
    arguments: [
      ArgumentSpec("K", "pool size K", .kernel(Limits.kernel), help: "window side: 2 means 2x2")
    ],
    options: [
      .poolStride,
      .poolPadding,
    ],
    examples: ["avgpool 2"],
    make: { (a) throws(CommandError) in
      AvgPoolCommand(
        layer: .avgPool(
          kernel: a.integer("K") ?? 2, stride: a.integer("stride"), padding: a.integer("pad") ?? 0))
    })

  public var layer: LayerSpec
}
