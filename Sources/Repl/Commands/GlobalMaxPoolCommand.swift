import Core

/// The `gmp` command.
public struct GlobalMaxPoolCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "gmp", category: .model, placesLayer: true,
    abstract: "global max pooling: each channel's largest value, HxWxC -> C",
    discussion: ["says whether a feature fired anywhere, not how much on average (gap)"],
    examples: ["gmp"],
    make: { (_) throws(CommandError) in GlobalMaxPoolCommand() })

  public var layer: LayerSpec { .globalMaxPool }
}
