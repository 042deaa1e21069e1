import Core

/// The `upsample K` command.
public struct UpsampleCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "upsample", category: .model, placesLayer: true,
    abstract: "nearest-neighbour upsampling by a factor K",
    arguments: [
      ArgumentSpec("K", "factor K", .integer(Limits.factor), help: "each pixel becomes a KxK block")
    ],
    examples: ["upsample 2"],
    make: { (a) throws(CommandError) in
      UpsampleCommand(layer: .upsample(factor: a.integer("K") ?? 2))
    })

  public var layer: LayerSpec
}
