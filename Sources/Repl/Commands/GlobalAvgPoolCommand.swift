import Core

/// The `gap` command.
public struct GlobalAvgPoolCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "gap", category: .model, placesLayer: true,
    abstract: "global average pooling: each channel's mean, HxWxC -> C",
    examples: ["gap"],
    make: { (_) throws(CommandError) in GlobalAvgPoolCommand() })

  public var layer: LayerSpec { .globalAvgPool }
}
