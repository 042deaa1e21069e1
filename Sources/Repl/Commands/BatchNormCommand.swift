import Core

/// The `batchnorm` command.
public struct BatchNormCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "batchnorm", category: .model, placesLayer: true,
    abstract: "batch normalisation per channel",
    discussion: [
      "y = γ·(x - mean)/sqrt(var + ε) + β; running mean and variance are kept for inference"
    ],
    examples: ["batchnorm"],
    make: { (_) throws(CommandError) in BatchNormCommand() })

  public var layer: LayerSpec { .batchNorm }
}
